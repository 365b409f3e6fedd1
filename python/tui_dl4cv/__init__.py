"""Stand-in for the course's private package `tui-dl4cv`: what the pooling
notebook uses of it (`tui_dl4cv.cnn.print_tensors`, `interactive_check`)."""

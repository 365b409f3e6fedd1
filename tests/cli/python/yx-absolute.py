import numpy as np


def get_output_shape(input_shape, kernel_size, stride=(1, 1), padding=(0, 0), dilation=(1, 1)):
    assert all(isinstance(p, tuple) for p in locals().values()), "Alle Parameter als Tuple erwartet"

    # Hoehe `h_out` bestimmen (erstes Element in den Tuplen)
    h_out = (input_shape[0]+2*padding[0] -dilation[0]*(kernel_size[0]-1)-1) /stride[0] +1 # bitte Code ergaenzen <---------------- [Luecke (1)]

    # Breite `w_out` bestimmen (zweites Element in den Tuplen)
    w_out = (input_shape[1] + 2*padding[1] - dilation[1] *(kernel_size[1]-1)-1)/stride[1] +1 # bitte Code ergaenzen <---------------- [Luecke (2)]

    # Ergebnisse durch Cast zu Int abrunden und zurueckgeben
    return int(h_out), int(w_out)


def maxpool2d(input_tensor, kernel_size, stride=(1, 1), padding=(0, 0), dilation=(1, 1)):
    # ueberpruefen ob gueltige Parameter uebergeben wurden, andernfalls nicht implementiert als Fehler zurueckgeben
    assert padding == (0, 0), "Not implemented"
    assert dilation == (1, 1), "Not implemented"

    # Groessen aus Groesse des Input Tensors extrahieren
    n_examples, n_channels, h_in, w_in = input_tensor.shape

    # Hoehe und Breite des Pooling-Fensters extrahieren
    h_kernel, w_kernel = kernel_size

    # Hoehe und Breite des Stride extrahieren
    h_stride, w_stride = stride

    # Groesse `(h_out, w_out)` der Output Feature Maps bestimmen
    h_out, w_out = get_output_shape(input_shape=(h_in,w_in),
                                    kernel_size=(h_kernel, w_kernel),
                                    stride=stride,
                                    padding=padding,
                                    dilation=dilation) # bitte Code ergaenzen <---------------- [Luecke (3)]

    # Output Tensor allokieren (empty, weil jedes Element ohnehin ueberschrieben wird)
    output_tensor = np.empty((n_examples, n_channels, h_out, w_out), dtype=np.float32)

    # Output berechnen
    for ex in range(0, n_examples):
        # fuer jedes Beispiel im Batch

        for ch in range(0, n_channels):
            # fuer jeden Output Channel

            for i in range(0, h_out):
                # fuer jede y-Position i der Hoehe der Output Feature Map

                for j in range(0, w_out):
                    # fuer jede x-Position j der Breite der Output Feature Map

                    # Slices `vertical` und `horizontal` fuer relevanten Teil in der
                    # Input Feature Map ausgehend von aktueller Position i und j bestimmen
                    vertical = slice(i*h_stride, i*h_stride+h_kernel) # bitte Code ergaenzen <---------------- [Luecke (4)]
                    horizontal = slice(j*w_stride, j*w_stride+w_kernel) # bitte Code ergaenzen <---------------- [Luecke (5)]

                    # Teil der Input Feature Map `input_window` aus Input Tensor extrahieren
                    input_window = input_tensor[ex, ch, vertical, horizontal]

                    # Pooling-Fenster auf Maximum reduzieren
                    output_tensor[ex,ch,i,j] = np.max(input_window, axis=None) # bitte Code ergaenzen <---------------- [Luecke (6)]

    return output_tensor


class MaxPooling_:
    def __init__(self, kernel_size, stride):
        # Parameter speichern
        self.kernel_size = kernel_size
        self.stride = stride

        # Positionen fur Backpropagation
        self.backprop_yx = None

    def forward(self, input_tensor):
        # Groessen aus Groesse des Input Tensors extrahieren
        n_examples, n_channels, h_in, w_in = input_tensor.shape

        # Hoehe und Breite des Pooling-Fensters extrahieren
        h_kernel, w_kernel = self.kernel_size

        # Hoehe und Breite des Stride extrahieren
        h_stride, w_stride = self.stride

        # Groesse `(h_out, w_out)` der Output Feature Maps bestimmen
        h_out, w_out = get_output_shape(input_shape=(h_in,w_in),
                                    kernel_size=(h_kernel, w_kernel),
                                    stride=self.stride,
                                    padding=(0,0),
                                    dilation=(1,1)) # bitte Code ergaenzen <---------------- [Luecke (8)]

        # Output Tensor allokieren (empty, weil jedes Element ohnehin ueberschrieben wird)
        output_tensor = np.empty((n_examples, n_channels, h_out, w_out), dtype=np.float32)

        # Tensor zum Speichern der Positionen allokieren
        # eine zusaetzliche Dimension fuer x-y-Positionen der Maxima
        self.backprop_yx = np.empty(output_tensor.shape + (2,), dtype='int')

        # Output berechnen
        for ex in range(0, n_examples):
            # fuer jedes Beispiel im Batch

            for ch in range(0, n_channels):
                # fuer jeden Output Channel

                for i in range(0, h_out):
                    # fuer jede y-Position i der Hoehe der Output Feature Map

                    for j in range(0, w_out):
                        # fuer jede x-Position j der Breite der Output Feature Map

                        # Slices `vertical` und `horizontal` fuer relevanten Teil in der
                        # Input Feature Map ausgehend von aktueller Position i und j bestimmen
                        vertical = slice(i*h_stride, i*h_stride+h_kernel) # bitte Code ergaenzen <---------------- [Luecke (9)]
                        horizontal = slice(j*w_stride, j*w_stride+w_kernel) # bitte Code ergaenzen <---------------- [Luecke (10)]

                        # Teil der Input Feature Map `input_window` aus Input Tensor extrahieren
                        input_window = input_tensor[ex, ch, vertical, horizontal]

                        # Index des Maximums `idx_max` in kontinuierlichem Array bestimmen
                        idx_max = np.argmax(input_window, axis=None) # bitte Code ergaenzen <---------------- [Luecke (11)]

                        # Index in Position (`y_max`, `x_max`) umwandeln (relative Position zum Aufsatzpunkt)
                        y_max, x_max = np.unravel_index(idx_max, input_window.shape) # bitte Code ergaenzen <---------------- [Luecke (12)]

                        # Maximum in den Ouput uebernehmen
                        output_tensor[ex,ch,i,j] = input_window[y_max, x_max] # bitte Code ergaenzen <---------------- [Luecke (13)]

                        # Position speichern
                        self.backprop_yx[ex,ch,i,j]=(y_max+i*h_stride,x_max+j*w_stride) # bitte Code ergaenzen <---------------- [Luecke (14)]

        return output_tensor


class MaxPooling(MaxPooling_):
    def __init__(self, kernel_size, stride):
        super(MaxPooling, self).__init__(kernel_size, stride)

        # zum Speichern der Groesse des Input Tensor
        self.input_tensor_shape = None

    def forward(self, input_tensor):
        # Groesse speichern
        self.input_tensor_shape = input_tensor.shape

        return super(MaxPooling, self).forward(input_tensor)

    def backward_input(self, output_tensor_grad):
        # Groessen aus Groesse des Gradienten Tensors extrahieren
        n_examples, n_channels, h_output_grad, w_output_grad = output_tensor_grad.shape

        # Hoehe und Breite des Pooling-Fensters extrahieren
        h_kernel, w_kernel = self.kernel_size

        # Hoehe und Breite des Stride extrahieren
        h_stride, w_stride = self.stride

        # leeren Tensor fuer Gradienten allokieren (alle Werte auf Null)
        input_tensor_grad = np.zeros(self.input_tensor_shape, dtype='float32')

        # Gradienten bestimmen
        for ex in range(0, n_examples):
            # fuer jedes Beispiel im Batch

            for ch in range(0, n_channels):
                # fuer jeden Channel

                for i in range(0, h_output_grad):
                    # fuer jede y-Position i der Hoehe der Feature Map

                    for j in range(0, w_output_grad):
                        # fuer jede x-Position j der Breite der Feature Map

                        # Slices `vertical` und `horizontal` fuer relevanten Teil in der
                        # Feature Map ausgehend von aktueller Position i und j bestimmen
                        vertical = slice(i*h_stride, i*h_stride+h_kernel) # bitte Code ergaenzen <---------------- [Luecke (16)]
                        horizontal = slice(j*w_stride, j*w_stride+w_kernel) # bitte Code ergaenzen <---------------- [Luecke (17)]

                        # Teil der Feature Map `input_grad_window` extrahieren
                        input_tensor_grad_window = input_tensor_grad[ex, ch, vertical, horizontal]

                        # Wert und Position extrahieren
                        grad_value = output_tensor_grad[ex, ch, i, j]
                        y_max, x_max = self.backprop_yx[ex, ch, i, j]

                        # Gradient einsetzen und hinzuaddieren
                        input_tensor_grad_window[y_max,x_max]+=grad_value # bitte Code ergaenzen <---------------- [Luecke (18)]

        return input_tensor_grad


class AvgPooling:
    def __init__(self, kernel_size, stride):
        # Parameter speichern
        self.kernel_size = kernel_size
        self.stride = stride

        # zum Speichern der Groesse des Input Tensors
        self.input_tensor_shape = None

    def forward(self, input_tensor):
        # Groesse speichern
        self.input_tensor_shape = input_tensor.shape

        # Groessen aus Groesse des Input Tensors extrahieren
        n_examples, n_channels, h_in, w_in = input_tensor.shape

        # Hoehe und Breite des Pooling-Fensters extrahieren
        h_kernel, w_kernel = self.kernel_size

        # Hoehe und Breite des Stride extrahieren
        h_stride, w_stride = self.stride

        # Groesse `(h_out, w_out)` der Output Feature Maps bestimmen
        h_out, w_out = get_output_shape(input_shape=(h_in,w_in),
                                    kernel_size=((h_kernel, w_kernel)),
                                    stride=self.stride,
                                    padding=(0,0),
                                    dilation=(1,1)) # bitte Code ergaenzen <---------------- [Luecke (21)]

        # Output Tensor allokieren (empty, weil jedes Element ohnehin ueberschrieben wird)
        output_tensor = np.empty((n_examples, n_channels, h_out, w_out), dtype=np.float32)

        # Output berechnen
        for ex in range(0, n_examples):
            # fuer jedes Beispiel im Batch

            for ch in range(0, n_channels):
                # fuer jeden Output Channel

                for i in range(0, h_out):
                    # fuer jede y-Position i der Hoehe der Output Feature Map

                    for j in range(0, w_out):
                        # fuer jede x-Position j der Breite der Output Feature Map

                        # Slices `vertical` und `horizontal` fuer relevanten Teil in der
                        # Input Feature Map ausgehend von aktueller Position i und j bestimmen
                        vertical = slice(i*h_stride, i*h_stride+h_kernel) # bitte Code ergaenzen <---------------- [Luecke (22)]
                        horizontal = slice(j*w_stride, j*w_stride+w_kernel) # bitte Code ergaenzen <---------------- [Luecke (23)]

                        # Teil der Input Feature Map `input_window` aus Input Tensor extrahieren
                        input_window = input_tensor[ex, ch, vertical, horizontal]

                        # Mittelwert in den Ouput ubernehmen
                        output_tensor[ex,ch,i,j] = np.mean(input_window) # bitte Code ergaenzen <---------------- [Luecke (24)]

        return output_tensor

    def backward_input(self, output_tensor_grad):
        # Groessen aus Groesse des Gradienten Tensors extrahieren
        n_examples, n_channels, h_output_grad, w_output_grad = output_tensor_grad.shape

        # Hoehe und Breite des Pooling-Fensters extrahieren
        h_kernel, w_kernel = self.kernel_size

        # Hoehe und Breite des Stride extrahieren
        h_stride, w_stride = self.stride

        # leeren Tensor fuer Gradienten allokieren
        input_tensor_grad = np.zeros(self.input_tensor_shape, dtype='float32')

        # Gradienten bestimmen
        for ex in range(0, n_examples):
            # fuer jedes Beispiel im Batch

            for ch in range(0, n_channels):
                # fuer jeden Channel

                for i in range(0, h_output_grad):
                    # fuer jede y-Position i der Hoehe der Feature Map

                    for j in range(0, w_output_grad):
                        # fuer jede x-Position j der Breite der Feature Map

                        # Slices `vertical` und `horizontal` fuer relevanten Teil in der
                        # Feature Map ausgehend von aktueller Position i und j bestimmen
                        vertical = slice(i*h_stride, i*h_stride+h_kernel) # bitte Code ergaenzen <---------------- [Luecke (25)]
                        horizontal = slice(j*w_stride, j*w_stride+w_kernel) # bitte Code ergaenzen <---------------- [Luecke (26)]

                        # Teil der Feature Map `input_grad_window` extrahieren
                        input_tensor_grad_window = input_tensor_grad[ex, ch, vertical, horizontal]

                        # Wert extrahieren
                        grad_value = output_tensor_grad[ex, ch, i, j]

                        # Gradient einsetzen und hinzuaddieren
                        input_tensor_grad_window += np.ones((h_kernel,w_kernel))*grad_value/(h_kernel*w_kernel) # bitte Code ergaenzen <---------------- [Luecke (27)]

        return input_tensor_grad

// How typed input ends on this OS's terminal (the CLI's hint when it reads
// pasted text from stdin). Decoding files (UTF-8, UTF-16 with a byte order
// mark) lives with the answer reader: decodeText in js/checker/answers.js.

/** How to end pasted input on `platform`'s terminal. */
export const endOfInputKeys = (platform = process.platform) => (platform === 'win32' ? 'Ctrl-Z, then Enter' : 'Ctrl-D');

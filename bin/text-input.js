// Reading a learner's text as it arrives on any OS: Windows editors and
// PowerShell redirection (`>`) write UTF-16 with a byte order mark, Notepad
// may add a UTF-8 one, and the key that ends typed input differs.
import { cliSay } from './words.js';

/** Decodes a file's bytes: UTF-16 LE/BE by their byte order mark, else UTF-8 (a UTF-8 BOM dropped). */
export function decodeText(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  // UTF-16 BE through LE with swapped bytes: Node builds without full ICU lack a 'utf-16be' decoder.
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const even = bytes.subarray(2, bytes.length - (bytes.length % 2));
    return new TextDecoder('utf-16le').decode(Buffer.from(even).swap16());
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  return new TextDecoder('utf-8').decode(bytes);
}

/** How to end pasted input on this OS's terminal, in `lang` ('en' or 'de'). */
export const endOfInputKeys = (platform = process.platform, lang = 'en') => cliSay(lang, platform === 'win32' ? 'keys.endWindows' : 'keys.endUnix');

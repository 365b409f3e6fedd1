// The learner's starting point, written by `poolgrad init` and pre-filled in
// the page's code mode. One home for it so both show the same text.

export const TEMPLATE = `// Aufgabe 7 – CNN – Backpropagation: Pooling, in JavaScript.
// Prüfen / check:  npx poolgrad check ${'${FILE}'}
//
// Tensoren sind verschachtelte Arrays / tensors are nested arrays:
//   input[n][c][y][x]  mit Form / of shape [N, C, H, W].
// Tupel der Notebook-Version sind hier Arrays [h, w] / the notebook's tuples
// are arrays [h, w] here, e.g. kernelSize = [3, 3].
// Geben Sie neue Arrays zurück / return new arrays (Float32Array rows are fine too).

/**
 * Größe der Output Feature Maps / size of the output feature maps.
 * @param {[number, number]} inputShape  [H, W]
 * @param {[number, number]} kernelSize  [kH, kW]
 * @param {[number, number]} stride      [sH, sW]
 * @param {[number, number]} padding     [pH, pW]
 * @param {[number, number]} dilation    [dH, dW]
 * @returns {[number, number]} [Ho, Wo]
 */
export function getOutputShape(inputShape, kernelSize, stride = [1, 1], padding = [0, 0], dilation = [1, 1]) {
  // Hoehe \`h_out\` bestimmen (erstes Element in den Tupeln)
  // height \`h_out\` (first entry of each pair)

  // Breite \`w_out\` bestimmen (zweites Element in den Tupeln)
  // width \`w_out\` (second entry of each pair)

  // Ergebnisse abrunden und zurueckgeben / round down and return [h_out, w_out]
}

/**
 * Max Pooling als Funktion / max pooling as a function.
 * Padding zählt als −∞ (nicht 0) / padding counts as −∞ (not 0).
 * @param {number[][][][]} input  [N][C][H][W]
 * @returns {number[][][][]} [N][C][Ho][Wo]
 */
export function maxpool2d(input, kernelSize, stride = [1, 1], padding = [0, 0], dilation = [1, 1]) {
  // Groessen aus Groesse des Input Tensors extrahieren / sizes of the input tensor

  // Groesse (h_out, w_out) der Output Feature Maps bestimmen / output size via getOutputShape

  // Output berechnen: fuer jedes Beispiel, jeden Channel, jede Position (i, j)
  // compute the output: for each example, channel and position (i, j)
  //   Fenster ausgehend von i*stride bestimmen / window anchored at i*stride (minus padding)
  //   Fenster auf Maximum reduzieren / reduce the window to its maximum
}

/** Max Pooling als Klasse, merkt sich die Positionen der Maxima / remembers where the maxima were. */
export class MaxPooling {
  /**
   * @param {[number, number]} kernelSize
   * @param {[number, number]} stride
   */
  constructor(kernelSize, stride) {
    // Parameter speichern / store the parameters
    this.kernelSize = kernelSize;
    this.stride = stride;
    // Positionen der Maxima [N][C][Ho][Wo][2] als (y, x) relativ zum Aufsatzpunkt
    // positions of the maxima [N][C][Ho][Wo][2] as (y, x) relative to the window's anchor
    this.backpropYX = null;
    // zum Speichern der Groesse des Input Tensors / to remember the input's shape
    this.inputShape = null;
  }

  /** @param {number[][][][]} input [N][C][H][W] → [N][C][Ho][Wo] */
  forward(input) {
    // Groesse speichern / remember the input's shape

    // fuer jedes Fenster / for each window:
    //   Index des Maximums bestimmen (bei Gleichstand das erste in Zeilenreihenfolge)
    //   index of the maximum (on ties the first in row-major order)
    //   in Position (y_max, x_max) umwandeln (relativ zum Aufsatzpunkt)
    //   turn it into (y_max, x_max) relative to the window's anchor
    //   Maximum in den Output uebernehmen / copy the maximum into the output
    //   Position speichern: this.backpropYX[n][c][i][j] = [y_max, x_max]
  }

  /** @param {number[][][][]} gradOutput [N][C][Ho][Wo] → gradient for the input [N][C][H][W] */
  backwardInput(gradOutput) {
    // leeren Tensor fuer Gradienten allokieren (alle Werte auf Null)
    // allocate a zero tensor of the input's shape

    // fuer jede Position (i, j): Gradient an (y_max, x_max) im Fenster hinzuaddieren
    // for each position (i, j): ADD the gradient at (y_max, x_max) inside its window
    // (ueberlappende Fenster summieren sich / overlapping windows add up)
  }
}

/** Average Pooling (Praktikumsaufgabe P7). */
export class AvgPooling {
  constructor(kernelSize, stride) {
    // Parameter speichern / store the parameters
    this.kernelSize = kernelSize;
    this.stride = stride;
    // zum Speichern der Groesse des Input Tensors / to remember the input's shape
    this.inputShape = null;
  }

  /** @param {number[][][][]} input [N][C][H][W] → [N][C][Ho][Wo] */
  forward(input) {
    // Groesse speichern / remember the input's shape

    // Mittelwert jedes Fensters in den Output uebernehmen / mean of each window
  }

  /** @param {number[][][][]} gradOutput [N][C][Ho][Wo] → [N][C][H][W] */
  backwardInput(gradOutput) {
    // leeren Tensor fuer Gradienten allokieren / zero tensor of the input's shape

    // Gradient gleichmaessig auf das Fenster verteilen und hinzuaddieren
    // spread each gradient evenly over its window (divide by kH·kW) and add it
  }
}
`;

/** The template with the check command naming `file`. */
export function templateFor(file = 'learner.mjs') {
  return TEMPLATE.replace('${FILE}', file);
}

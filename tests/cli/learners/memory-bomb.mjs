// Bug: AvgPooling.forward allocates without end. The worker's memory limit
// stops it; the checker reports it and goes on.
export { getOutputShape, maxpool2d, MaxPooling } from './right.mjs';
import { AvgPooling as Right } from './right.mjs';

export class AvgPooling extends Right {
  forward() {
    const hoard = [];
    for (;;) hoard.push(new Array(1e6).fill(1.5));
  }
}

// Types of `poolgrad/checker/judging` (js/checker/judging.js): a subset of `poolgrad/checker`.
export {
  AVG_GRAD, closeEnough, flatten, judge, KERNEL, matches, MAX_GRAD, mulberry32, O_0, OUTPUT_SHAPE_CALLS, parseAnswer, seededRandom,
  shapeIfRectangular, STRIDE, TOLERANCE, unravel,
} from './index.js';

// Types of `poolgrad/checker/judging` (js/checker/judging.js): a subset of `poolgrad/checker`.
export {
  AVG_GRAD, caseOfGiven, closeEnough, exercise, exerciseForUnit, EXERCISES, optionsOf, flatten, judge, KERNEL, matches, MAX_GRAD, mulberry32, O_0, OUTPUT_SHAPE_CALLS, parseAnswer, seededRandom,
  shapeIfRectangular, STRIDE, TOLERANCE, unravel,
} from './index.js';

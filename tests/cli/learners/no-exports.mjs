// Not a learner module: exports none of the expected names.
export const answer = 42;

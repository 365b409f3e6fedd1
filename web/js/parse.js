// The page reads answers with the package's parser (poolgrad/checker,
// numpy.js), the same one `npx poolgrad answers` uses; the page words its error keys.
export { parseAnswer } from '../vendor/poolgrad/js/checker/judging.js';

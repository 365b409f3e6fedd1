// The served page loads its modules and stylesheet from web/app/, the
// minified copy of web/js and web/style.css; rebuilding it before the tests
// makes the browser tests run the current sources, not the last build's.
import { buildPage } from '../../scripts/build-page.js';

export default async function setup() {
  await buildPage();
}

// Placeholder for the page's "code mode" (issue 5); its mount point is
// <section id="code-mode" hidden> at the end of <main> in index.html.

/* saga: search in both scripts. The index holds the simplified form of traditional text
   (saga_sphinx/search.py); here a query is converted to simplified character by character
   with the table in saga-t2s.js (made from OpenCC at build time), so 馬斯克 finds what
   马斯克 finds. Loaded with defer: runs after searchtools.js, before it reads ?q=. */
(() => {
  if (typeof Search === "undefined" || !window.SAGA_T2S) return;
  const table = window.SAGA_T2S;
  const simplify = (text) => Array.from(text, (c) => table[c] || c).join("");
  const query = Search.query;
  Search.query = (text) => query(simplify(text));
})();

// fastest-levenshtein's edit distance, bundled into one ES module by the build (scripts/bundle.mjs): imported from
// node_modules it is CommonJS, whose exports Node scans before an ES module may use them.
export { distance } from 'fastest-levenshtein';

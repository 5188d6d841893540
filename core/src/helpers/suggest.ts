// "Did you mean …?" for a misspelled name: the closest candidate by edit distance, when it is close enough.
import { distance } from '../vendor/levenshtein.js';

/**
 * The candidate nearest to `word`, or undefined when none is close: within 1 edit for short words, 2 from four
 * letters (a swapped pair: prot → port), 3 from nine.
 */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  const limit = word.length < 4 ? 1 : word.length < 9 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** `; did you mean "prometheus"?` or the empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestName(word, candidates);
  return match === undefined ? '' : `; did you mean ${JSON.stringify(match)}?`;
}

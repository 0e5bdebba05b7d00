/**
 * Deterministic synthetic chat text: a Zipf-distributed vocabulary (common English chat
 * words first, then a long tail of made-up words), nicks, and the search queries people
 * type (common and rare words, two words, prefixes as typed, mentions, misses).
 */

/** A small fast seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = `the i to a and you it is that of in for on this be have not with we are but so just was do my
can what it's if at me no yes ok like get all there your will about know think up out one now they
don't or how he some when good time would from been see go here then thanks why need also work more
there's make new still should use an because did today right sure want really well yeah which lol
could back did try going got way any only people who something other after first same much also check
day thing looks anyone maybe server build test fix issue release update code error version message
meeting tomorrow deploy branch merge review config install running problem works again never please
file link channel network client password login account email phone call later week weekend coffee
lunch dinner home office morning night afternoon monday friday sorry happy birthday great nice cool
hello hi hey bye cya brb afk question answer help docs bug crash patch commit push pull request log
database search index query table page memory cpu disk backup restore upgrade kernel driver laptop
keyboard screen window mouse browser tab chat room invite join leave topic nick mode ban kick op
vote plan idea project team manager deadline budget ticket sprint demo slides report notes draft
music movie game book photo video picture travel train flight hotel ticket weather rain snow sunny`
  .split(/\s+/).filter(Boolean);

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'tu', 'ra', 'shi', 'vo', 'pe', 'zu', 'dra', 'qui', 'bel', 'mon', 'tar', 'gel', 'fin',
  'sol', 'wen', 'yx', 'or', 'an', 'est', 'ul', 'cor', 'pri', 'den', 'lux', 'mar', 'ho', 'sti', 'gra'];

export interface Vocabulary {
  readonly words: readonly string[];
  /** Draws a word index with Zipf(1.05) weights. */
  pick(random: () => number): number;
}

export function vocabulary(size = 8000): Vocabulary {
  const words = [...new Set(COMMON)];
  const seen = new Set(words);
  const random = rng(7);
  while (words.length < size) {
    const count = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < count; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)] ?? 'x';
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  const cumulative = new Float64Array(words.length);
  let total = 0;
  for (let i = 0; i < words.length; i++) {
    total += 1 / (i + 1) ** 1.05;
    cumulative[i] = total;
  }
  return {
    words,
    pick: (r) => {
      const x = r() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
  };
}

export function nicks(count: number, seed = 11): string[] {
  const random = rng(seed);
  const first = ['alex', 'sam', 'kim', 'jo', 'max', 'lee', 'ana', 'ivo', 'noa', 'eli', 'ray', 'zoe', 'kai', 'mia', 'tom', 'ada', 'ben', 'eva'];
  const out: string[] = [];
  const seen = new Set<string>();
  while (out.length < count) {
    const name = `${first[Math.floor(random() * first.length)] ?? 'x'}${SYLLABLES[Math.floor(random() * SYLLABLES.length)] ?? ''}${Math.floor(random() * 100)}`;
    if (!seen.has(name)) {
      seen.add(name);
      out.push(name);
    }
  }
  return out;
}

/** A chat line of 1–40 words (median about 9), sometimes addressed to someone or with a link. */
export function sentence(vocab: Vocabulary, random: () => number, mention: string | undefined): string {
  const length = Math.max(1, Math.min(40, Math.round(Math.exp(random() * 2.2 + random() * 0.9))));
  const parts: string[] = [];
  if (mention !== undefined) parts.push(`${mention}:`);
  for (let i = 0; i < length; i++) parts.push(vocab.words[vocab.pick(random)] ?? 'x');
  if (random() < 0.03) parts.push(`https://example.org/${vocab.words[vocab.pick(random)] ?? 'x'}/${Math.floor(random() * 10000)}`);
  return parts.join(' ');
}

export interface SearchQuery {
  readonly kind: 'common word' | 'mid word' | 'rare word' | 'two words' | 'prefix as typed' | 'mention' | 'no match';
  readonly text: string;
}

/** Realistic queries over the vocabulary: each kind in proportion to how people search. */
export function searchQueries(vocab: Vocabulary, names: readonly string[], count: number): SearchQuery[] {
  const random = rng(99);
  const word = (from: number, to: number): string => vocab.words[from + Math.floor(random() * Math.min(vocab.words.length - from, to - from))] ?? 'x';
  const makers: readonly [SearchQuery['kind'], number, () => string][] = [
    ['common word', 0.15, () => word(20, 150)],
    ['mid word', 0.25, () => word(150, 2000)],
    ['rare word', 0.2, () => word(2000, vocab.words.length)],
    ['two words', 0.15, () => `${word(50, 1500)} ${word(50, 1500)}`],
    ['prefix as typed', 0.1, () => word(100, 3000).slice(0, 3)],
    ['mention', 0.1, () => names[Math.floor(random() * names.length)] ?? 'x'],
    ['no match', 0.05, () => `zzq${Math.floor(random() * 1e6)}`],
  ];
  const out: SearchQuery[] = [];
  for (const [kind, share, make] of makers) {
    for (let i = 0; i < Math.max(1, Math.round(share * count)); i++) out.push({ kind, text: make() });
  }
  return out;
}

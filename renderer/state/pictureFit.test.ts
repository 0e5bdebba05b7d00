import { describe, expect, it } from 'vitest';
import { fittedSize } from './pictureFit.js';

describe('the size a profile picture is drawn at', () => {
  it('scales the longer side down to 256 pixels, keeping the shape; a small one keeps its size', () => {
    expect(fittedSize(1024, 768)).toEqual({ width: 256, height: 192 });
    expect(fittedSize(300, 1200)).toEqual({ width: 64, height: 256 });
    expect(fittedSize(200, 100)).toEqual({ width: 200, height: 100 });
    expect(fittedSize(4000, 3)).toEqual({ width: 256, height: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { cloudinaryRendition, TILE_TRANSFORMATION } from '../../../src/renderer/lib/cloudinaryUrl';

describe('cloudinaryRendition', () => {
  it('puts the transformation before the version of a Cloudinary delivery URL and asks for JPEG', () => {
    expect(cloudinaryRendition('https://res.cloudinary.com/demo/image/upload/v1712345678/pixdrop/a1b2/IMG_0001.heic', TILE_TRANSFORMATION)).toBe(
      'https://res.cloudinary.com/demo/image/upload/c_fill,h_300,q_auto,w_400/v1712345678/pixdrop/a1b2/IMG_0001.jpg',
    );
  });

  it('replaces a transformation already in the URL instead of chaining a second one', () => {
    expect(cloudinaryRendition('http://127.0.0.1:4123/local/image/upload/c_fill,h_300,w_300/v1/x/y.png', 'c_fill,h_96,w_96')).toBe(
      'http://127.0.0.1:4123/local/image/upload/c_fill,h_96,w_96/v1/x/y.jpg',
    );
  });

  it('leaves authenticated and signed URLs as the backend signed them', () => {
    const authenticated = 'https://res.cloudinary.com/demo/image/authenticated/s--Ab12Cd34--/c_fill,h_300,w_300/v1/x/y.jpg';
    expect(cloudinaryRendition(authenticated, 'w_10')).toBe(authenticated);
    const signed = 'https://res.cloudinary.com/demo/image/upload/s--Ab12Cd34--/v1/x/y.jpg';
    expect(cloudinaryRendition(signed, 'w_10')).toBe(signed);
  });

  it('keeps a query string and leaves other URLs and nothing alone', () => {
    expect(cloudinaryRendition('https://res.cloudinary.com/demo/image/upload/v2/p.png?_a=B', 'w_10')).toBe(
      'https://res.cloudinary.com/demo/image/upload/w_10/v2/p.jpg?_a=B',
    );
    expect(cloudinaryRendition('https://photos.example.com/thumbs/17.jpg', 'w_10')).toBe('https://photos.example.com/thumbs/17.jpg');
    expect(cloudinaryRendition(null, 'w_10')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute } from '../../../src/app/router.ts';

describe('parseRoute', () => {
  it.each(['', '#', '#/', '#/home', '#/home/'])('reads %j as the home page', (hash) => {
    expect(parseRoute(hash)).toEqual({ page: 'home' });
  });

  it.each(['#/gpu', '#/gpu/', '#/gpu//'])('reads %j as the GPU page', (hash) => {
    expect(parseRoute(hash)).toEqual({ page: 'gpu' });
  });

  it('keeps the path of an unknown route so the page can show it', () => {
    expect(parseRoute('#/nowhere')).toEqual({ page: 'not-found', path: '/nowhere' });
    expect(parseRoute('#gpu')).toEqual({ page: 'not-found', path: 'gpu' });
  });

  it('round-trips the links it makes', () => {
    expect(parseRoute(hrefFor('gpu'))).toEqual({ page: 'gpu' });
    expect(parseRoute(hrefFor('home'))).toEqual({ page: 'home' });
  });
});

// An IntersectionObserver a DOM test drives, for widgets that redraw only near the screen.
import { vi } from 'vitest';

/**
 * Stubs the global IntersectionObserver (undo with `vi.unstubAllGlobals()`): `near(true)` reports
 * every observed widget on screen, `near(false)` off it; `disconnect` records the widgets letting go.
 */
export function fakeObserver() {
  const callbacks: ((entries: { isIntersecting: boolean }[]) => void)[] = [];
  const disconnect = vi.fn();
  class FakeObserver {
    constructor(callback: (entries: { isIntersecting: boolean }[]) => void) {
      callbacks.push(callback);
    }
    observe() {}
    disconnect = disconnect;
  }
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  return {
    near: (isIntersecting: boolean) => {
      for (const callback of callbacks) callback([{ isIntersecting }]);
    },
    disconnect,
  };
}

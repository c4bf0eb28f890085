// How numbers are written on the page. Readouts print every digit (they are
// exact and `Number()` reads them back); labels and tooltips use 4
// significant digits.

/** Full precision, as the engine computed it. @param {number} x */
export function exact(x) {
  if (Number.isNaN(x)) return 'NaN';
  return String(x);
}

/** 4 significant digits, without trailing noise. @param {number} x */
export function sig4(x) {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-4) return x.toExponential(3);
  return String(Number(x.toPrecision(4)));
}

/** A short form for small spaces (cells, labels). @param {number} x */
export function short(x) {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e4 || a < 1e-3)) return x.toExponential(1);
  return String(Number(x.toPrecision(3)));
}

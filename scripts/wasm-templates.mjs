// WAT templates of the convolution core's copy, padding, statistics, uniform-fill, relu and
// batch-norm (affine) kernels, assembled by scripts/build-wasm.mjs. Addresses and strides are in bytes.

/**
 * stats: over `count` floats at src, in order and in f64 exactly as runner/stats.ts does in
 * JS (so both give identical numbers): min and max by `<`/`>` over finite values, their sum
 * and sum of squares, then counts of zeros, negatives and non-finite values. Writes
 * f64 min, max, sum, sumOfSquares then i32 zeros, negatives, nonFinite at dst.
 */
export function statsFunction() {
  return `
  (func (export "stats") (param $src i32) (param $count i32) (param $dst i32)
    (local $value f64) (local $minimum f64) (local $maximum f64) (local $sum f64) (local $squares f64)
    (local $zeros i32) (local $negatives i32) (local $nonFinite i32) (local $end i32)
    (local.set $minimum (f64.const inf))
    (local.set $maximum (f64.const -inf))
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (br_if $done (i32.eqz (local.get $count)))
      (loop $values
        (local.set $value (f64.promote_f32 (f32.load (local.get $src))))
        (if (f64.eq (f64.sub (local.get $value) (local.get $value)) (f64.const 0))
          (then
            (local.set $minimum (select (local.get $value) (local.get $minimum) (f64.lt (local.get $value) (local.get $minimum))))
            (local.set $maximum (select (local.get $value) (local.get $maximum) (f64.gt (local.get $value) (local.get $maximum))))
            (local.set $sum (f64.add (local.get $sum) (local.get $value)))
            (local.set $squares (f64.add (local.get $squares) (f64.mul (local.get $value) (local.get $value))))
            (local.set $zeros (i32.add (local.get $zeros) (f64.eq (local.get $value) (f64.const 0))))
            (local.set $negatives (i32.add (local.get $negatives) (f64.lt (local.get $value) (f64.const 0)))))
          (else (local.set $nonFinite (i32.add (local.get $nonFinite) (i32.const 1)))))
        (local.set $src (i32.add (local.get $src) (i32.const 4)))
        (br_if $values (i32.lt_u (local.get $src) (local.get $end)))))
    (f64.store offset=0 (local.get $dst) (local.get $minimum))
    (f64.store offset=8 (local.get $dst) (local.get $maximum))
    (f64.store offset=16 (local.get $dst) (local.get $sum))
    (f64.store offset=24 (local.get $dst) (local.get $squares))
    (i32.store offset=32 (local.get $dst) (local.get $zeros))
    (i32.store offset=36 (local.get $dst) (local.get $negatives))
    (i32.store offset=40 (local.get $dst) (local.get $nonFinite)))`;
}

/**
 * copyRows: dst row r, float i = src[r·srcRowStride + i·srcStep] for `rows` rows of `count`
 * floats, dst rows dstRowStride apart. Contiguous rows (srcStep 4) use memory.copy, which
 * also makes in-place compaction (dst ≤ src, rows in order) safe.
 */
export function copyRowsFunction() {
  return `
  (func (export "copyRows") (param $src i32) (param $srcRowStride i32) (param $srcStep i32)
      (param $dst i32) (param $dstRowStride i32) (param $rows i32) (param $count i32)
    (local $from i32) (local $to i32) (local $left i32)
    (block $done
      (br_if $done (i32.or (i32.eqz (local.get $rows)) (i32.eqz (local.get $count))))
      (loop $row
        (if (i32.eq (local.get $srcStep) (i32.const 4))
          (then (memory.copy (local.get $dst) (local.get $src) (i32.shl (local.get $count) (i32.const 2))))
          (else
            (local.set $from (local.get $src))
            (local.set $to (local.get $dst))
            (local.set $left (local.get $count))
            (loop $element
              (f32.store (local.get $to) (f32.load (local.get $from)))
              (local.set $from (i32.add (local.get $from) (local.get $srcStep)))
              (local.set $to (i32.add (local.get $to) (i32.const 4)))
              (br_if $element (local.tee $left (i32.sub (local.get $left) (i32.const 1)))))))
        (local.set $src (i32.add (local.get $src) (local.get $srcRowStride)))
        (local.set $dst (i32.add (local.get $dst) (local.get $dstRowStride)))
        (br_if $row (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))))`;
}

/**
 * padInPlace: turns `channels` planes of height×width floats, copied contiguously at `at`,
 * into zero-padded planes in place: row (c, y) moves to at + c·channelBytes + firstRowBytes
 * + y·paddedRowBytes. Rows move in reverse order, each to an address ≥ its source and above
 * every row not yet moved, so nothing unread is overwritten; the gap after each moved row
 * (up to the next moved row, or `end` after the last) and [at, first row) are zero-filled.
 */
export function padInPlaceFunction() {
  return `
  (func (export "padInPlace") (param $at i32) (param $channels i32) (param $height i32) (param $rowBytes i32)
      (param $paddedRowBytes i32) (param $channelBytes i32) (param $firstRowBytes i32) (param $end i32)
    (local $channel i32) (local $row i32) (local $source i32) (local $target i32) (local $next i32)
    (local.set $next (local.get $end))
    (local.set $channel (local.get $channels))
    (local.set $source (i32.add (local.get $at) (i32.mul (i32.mul (local.get $channels) (local.get $height)) (local.get $rowBytes))))
    (block $done
      (br_if $done (i32.or (i32.eqz (local.get $channels)) (i32.eqz (local.get $height))))
      (loop $planes
        (local.set $channel (i32.sub (local.get $channel) (i32.const 1)))
        (local.set $row (local.get $height))
        (loop $rows
          (local.set $row (i32.sub (local.get $row) (i32.const 1)))
          (local.set $source (i32.sub (local.get $source) (local.get $rowBytes)))
          (local.set $target (i32.add (i32.add (local.get $at) (i32.mul (local.get $channel) (local.get $channelBytes)))
            (i32.add (local.get $firstRowBytes) (i32.mul (local.get $row) (local.get $paddedRowBytes)))))
          (memory.copy (local.get $target) (local.get $source) (local.get $rowBytes))
          (memory.fill (i32.add (local.get $target) (local.get $rowBytes)) (i32.const 0)
            (i32.sub (local.get $next) (i32.add (local.get $target) (local.get $rowBytes))))
          (local.set $next (local.get $target))
          (br_if $rows (local.get $row)))
        (br_if $planes (local.get $channel))))
    (memory.fill (local.get $at) (i32.const 0) (i32.sub (local.get $next) (local.get $at))))`;
}

/** mix32 (weights/prng.ts) on four lanes: xor-shifts and 32-bit multiplies agree bit for bit. */
function mix32Lanes(value) {
  const xorShift = (x, shift) => `(v128.xor ${x} (i32x4.shr_u ${x} (i32.const ${shift})))`;
  return `(local.set $mix ${value})
        (local.set $mix ${xorShift("(local.get $mix)", 16)})
        (local.set $mix (i32x4.mul (local.get $mix) (v128.const i32x4 0x7feb352d 0x7feb352d 0x7feb352d 0x7feb352d)))
        (local.set $mix ${xorShift("(local.get $mix)", 15)})
        (local.set $mix (i32x4.mul (local.get $mix) (v128.const i32x4 0x846ca68b 0x846ca68b 0x846ca68b 0x846ca68b)))
        (local.set $mix ${xorShift("(local.get $mix)", 16)})`;
}

/**
 * fillUniform: weights/prng.ts's fillUniform for stream indices first … first + 4·vectors − 1,
 * all below 2³², four per vector: hashed in i32 lanes exactly as uniformAt does, then
 * (k − 2²³)·2⁻²³·bound in f64 and rounded once to f32 — the same operations, in the same
 * precision, as the JavaScript, so the values are identical.
 */
export function fillUniformFunction() {
  return `
  (func (export "fillUniform") (param $dst i32) (param $vectors i32) (param $seed i32) (param $first i32) (param $bound f64)
    (local $index v128) (local $mix v128) (local $centred v128) (local $seedLanes v128) (local $boundLanes v128)
    (local $low v128) (local $high v128)
    (local.set $seedLanes (i32x4.splat (local.get $seed)))
    (local.set $boundLanes (f64x2.splat (local.get $bound)))
    (local.set $index (i32x4.add (i32x4.splat (local.get $first)) (v128.const i32x4 0 1 2 3)))
    (block $done
      (br_if $done (i32.eqz (local.get $vectors)))
      (loop $fill
        ${mix32Lanes("(i32x4.add (local.get $index) (v128.const i32x4 0x9e3779b9 0x9e3779b9 0x9e3779b9 0x9e3779b9))")}
        ${mix32Lanes("(v128.xor (local.get $seedLanes) (local.get $mix))")}
        ${mix32Lanes("(local.get $mix)")}
        (local.set $centred (i32x4.sub (i32x4.shr_u (local.get $mix) (i32.const 8)) (v128.const i32x4 0x800000 0x800000 0x800000 0x800000)))
        (local.set $low (f32x4.demote_f64x2_zero (f64x2.mul (f64x2.mul (f64x2.convert_low_i32x4_s (local.get $centred))
          (v128.const f64x2 0x1p-23 0x1p-23)) (local.get $boundLanes))))
        (local.set $high (f32x4.demote_f64x2_zero (f64x2.mul (f64x2.mul (f64x2.convert_low_i32x4_s
          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $centred) (local.get $centred)))
          (v128.const f64x2 0x1p-23 0x1p-23)) (local.get $boundLanes))))
        (v128.store (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $low) (local.get $high)))
        (local.set $index (i32x4.add (local.get $index) (v128.const i32x4 4 4 4 4)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br_if $fill (local.tee $vectors (i32.sub (local.get $vectors) (i32.const 1)))))))`;
}

/**
 * reluInPlace: x = max(x, 0) over `vectors` 4-float vectors. f32x4.max keeps NaN and turns
 * −0 into +0, exactly as activations.ts's relu does.
 */
export function reluInPlaceFunction() {
  return `
  (func (export "reluInPlace") (param $at i32) (param $vectors i32)
    (block $done
      (br_if $done (i32.eqz (local.get $vectors)))
      (loop $values
        (v128.store (local.get $at) (f32x4.max (v128.load (local.get $at)) (v128.const f32x4 0 0 0 0)))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br_if $values (local.tee $vectors (i32.sub (local.get $vectors) (i32.const 1)))))))`;
}

/**
 * affineInPlace: x = x·scale + shift over `count` floats, each computed in f64 (promoted,
 * multiplied, added) and rounded once to f32, exactly as batchNorm2d.ts's JavaScript loop
 * does; four floats per step, then one at a time for the last count mod 4.
 */
export function affineInPlaceFunction() {
  const affine = (lanes) => `(f64x2.add (f64x2.mul (f64x2.promote_low_f32x4 ${lanes}) (local.get $scales)) (local.get $shifts))`;
  return `
  (func (export "affineInPlace") (param $at i32) (param $count i32) (param $scale f64) (param $shift f64)
    (local $scales v128) (local $shifts v128) (local $values v128) (local $end i32)
    (local.set $scales (f64x2.splat (local.get $scale)))
    (local.set $shifts (f64x2.splat (local.get $shift)))
    (local.set $end (i32.add (local.get $at) (i32.shl (i32.and (local.get $count) (i32.const -4)) (i32.const 2))))
    (block $vectorsDone
      (br_if $vectorsDone (i32.ge_u (local.get $at) (local.get $end)))
      (loop $vectors
        (local.set $values (v128.load (local.get $at)))
        (v128.store (local.get $at) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero ${affine("(local.get $values)")})
          (f32x4.demote_f64x2_zero ${affine("(i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $values) (local.get $values))")})))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br_if $vectors (i32.lt_u (local.get $at) (local.get $end)))))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $count) (i32.const 3)) (i32.const 2))))
    (block $done
      (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
      (loop $floats
        (f32.store (local.get $at) (f32.demote_f64 (f64.add (f64.mul (f64.promote_f32 (f32.load (local.get $at))) (local.get $scale)) (local.get $shift))))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br_if $floats (i32.lt_u (local.get $at) (local.get $end))))))`;
}

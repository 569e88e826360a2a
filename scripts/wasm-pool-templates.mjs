// WAT templates of the pooling kernels, assembled by scripts/build-wasm.mjs. Pooling is
// separable: per output row a vertical pass reduces the window's input rows into a scratch
// row, a horizontal pass reduces that row's windows. Addresses and strides are in bytes.

/**
 * Pool, vertical pass: dst[i] = op over `rows` rows (rowStep bytes apart) of src[i], for
 * `vectors` 4-float vectors; then 4 floats of `pad` at dst + tail (the row's right padding).
 */
export function poolRowsFunction(name, op) {
  return `
  (func $${name} (export "${name}") (param $src i32) (param $rowStep i32) (param $rows i32) (param $dst i32)
      (param $vectors i32) (param $tail i32) (param $pad f32)
    (local $acc v128) (local $address i32) (local $count i32)
    (loop $columns
      (local.set $acc (v128.load (local.get $src)))
      (local.set $address (local.get $src))
      (local.set $count (i32.sub (local.get $rows) (i32.const 1)))
      (block $done
        (br_if $done (i32.eqz (local.get $count)))
        (loop $row
          (local.set $address (i32.add (local.get $address) (local.get $rowStep)))
          (local.set $acc (${op} (local.get $acc) (v128.load (local.get $address))))
          (br_if $row (local.tee $count (i32.sub (local.get $count) (i32.const 1))))))
      (v128.store (local.get $dst) (local.get $acc))
      (local.set $src (i32.add (local.get $src) (i32.const 16)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (br_if $columns (local.tee $vectors (i32.sub (local.get $vectors) (i32.const 1)))))
    (v128.store (local.get $tail) (f32x4.splat (local.get $pad))))`;
}

/**
 * Max pool, vertical pass over at most 3 rows, unrolled: rows 2 and 3 of a shorter window
 * repeat its last row (max is idempotent, NaN included), so no loop or branch per vector.
 * Same parameters and result as poolRowsFunction with f32x4.max.
 */
export function poolRowsMax3Function(name) {
  return `
  (func $${name} (export "${name}") (param $src i32) (param $rowStep i32) (param $rows i32) (param $dst i32)
      (param $vectors i32) (param $tail i32) (param $pad f32)
    (local $second i32) (local $third i32)
    (local.set $second (i32.add (local.get $src) (select (local.get $rowStep) (i32.const 0) (i32.gt_u (local.get $rows) (i32.const 1)))))
    (local.set $third (i32.add (local.get $src) (i32.mul (local.get $rowStep) (i32.sub (local.get $rows) (i32.const 1)))))
    (loop $columns
      (v128.store (local.get $dst) (f32x4.max (f32x4.max (v128.load (local.get $src)) (v128.load (local.get $second)))
        (v128.load (local.get $third))))
      (local.set $src (i32.add (local.get $src) (i32.const 16)))
      (local.set $second (i32.add (local.get $second) (i32.const 16)))
      (local.set $third (i32.add (local.get $third) (i32.const 16)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (br_if $columns (local.tee $vectors (i32.sub (local.get $vectors) (i32.const 1)))))
    (v128.store (local.get $tail) (f32x4.splat (local.get $pad))))`;
}

/**
 * Pool, horizontal pass at stride 1 or 2: dst[o] = op over kx < taps of src[o·stride + kx·step]
 * (step in bytes), 4 outputs per vector; averages then divide by rowDivisor · colDivisors[o].
 */
export function poolColumnsFunction(name, op, stride, average) {
  const gather = stride === 1
    ? "(v128.load (local.get $address))"
    : "(i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (v128.load (local.get $address)) (v128.load offset=16 (local.get $address)))";
  const finish = average
    ? "(f32x4.div (local.get $acc) (f32x4.mul (local.get $rowVector) (v128.load (local.get $divisors))))"
    : "(local.get $acc)";
  return `
  (func $${name} (export "${name}") (param $src i32) (param $taps i32) (param $step i32) (param $dst i32)
      (param $vectors i32) (param $rowDivisor f32) (param $divisors i32)
    (local $acc v128) (local $address i32) (local $count i32) (local $rowVector v128)
    (local.set $rowVector (f32x4.splat (local.get $rowDivisor)))
    (loop $columns
      (local.set $address (local.get $src))
      (local.set $acc ${gather})
      (local.set $count (i32.sub (local.get $taps) (i32.const 1)))
      (block $done
        (br_if $done (i32.eqz (local.get $count)))
        (loop $tap
          (local.set $address (i32.add (local.get $address) (local.get $step)))
          (local.set $acc (${op} (local.get $acc) ${gather}))
          (br_if $tap (local.tee $count (i32.sub (local.get $count) (i32.const 1))))))
      (v128.store (local.get $dst) ${finish})
      (local.set $src (i32.add (local.get $src) (i32.const ${16 * stride})))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (local.set $divisors (i32.add (local.get $divisors) (i32.const 16)))
      (br_if $columns (local.tee $vectors (i32.sub (local.get $vectors) (i32.const 1))))))`;
}

/**
 * Max pool, horizontal pass for a 2- or 3-wide undilated window at stride 2, unrolled: for
 * 4 outputs the 8 floats from src split into even and odd lanes (window taps 0 and 1), and
 * tap 2 is the even lanes moved down one with the next vector's first float. Same parameters
 * and result as poolColumnsFunction with f32x4.max at stride 2 (taps, step and divisors unused).
 */
export function poolColumnsMaxStride2Function(name, taps) {
  const third = taps === 3
    ? "(i8x16.shuffle 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 (local.get $even) (local.get $next))"
    : "(local.get $even)";
  return `
  (func $${name} (export "${name}") (param $src i32) (param $taps i32) (param $step i32) (param $dst i32)
      (param $vectors i32) (param $rowDivisor f32) (param $divisors i32)
    (local $low v128) (local $high v128) (local $next v128) (local $even v128)
    (local.set $low (v128.load (local.get $src)))
    (loop $columns
      (local.set $high (v128.load offset=16 (local.get $src)))
      (local.set $next (v128.load offset=32 (local.get $src)))
      (local.set $even (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $low) (local.get $high)))
      (v128.store (local.get $dst) (f32x4.max (f32x4.max (local.get $even)
        (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $low) (local.get $high))) ${third}))
      (local.set $low (local.get $next))
      (local.set $src (i32.add (local.get $src) (i32.const 32)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (br_if $columns (local.tee $vectors (i32.sub (local.get $vectors) (i32.const 1))))))`;
}

/**
 * Pool driver over whole planes: for each of `channels` planes (planeBytes apart) and each
 * output row, reads the row's window from the table at `windows` (12 bytes per row: byte
 * offset of its first input row in the plane, row count, f32 row divisor), reduces those
 * rows into the scratch row (rowsFunction) and the scratch row's windows into the output
 * row (columnsFunction); a window of no rows yields `pad`. Output rows are outRowBytes apart,
 * written as whole vectors (up to 3 floats spill into the next row, which comes later).
 */
export function poolPlanesFunction(name, rowsFunction, columnsFunction) {
  return `
  (func (export "${name}") (param $input i32) (param $channels i32) (param $planeBytes i32)
      (param $windows i32) (param $outHeight i32) (param $rowStep i32)
      (param $scratch i32) (param $padBytes i32) (param $inputVectors i32) (param $tail i32) (param $pad f32)
      (param $taps i32) (param $columnStep i32) (param $output i32) (param $outRowBytes i32)
      (param $outputVectors i32) (param $divisors i32)
    (local $window i32) (local $row i32) (local $rows i32) (local $vector i32) (local $address i32)
    (block $noChannels
      (br_if $noChannels (i32.eqz (local.get $channels)))
      (loop $planes
        (local.set $window (local.get $windows))
        (local.set $row (local.get $outHeight))
        (loop $outputRows
          (local.set $rows (i32.load offset=4 (local.get $window)))
          (if (i32.eqz (local.get $rows))
            (then
              (local.set $address (local.get $output))
              (local.set $vector (local.get $outputVectors))
              (loop $fill
                (v128.store (local.get $address) (f32x4.splat (local.get $pad)))
                (local.set $address (i32.add (local.get $address) (i32.const 16)))
                (br_if $fill (local.tee $vector (i32.sub (local.get $vector) (i32.const 1))))))
            (else
              (call $${rowsFunction} (i32.add (local.get $input) (i32.load (local.get $window))) (local.get $rowStep) (local.get $rows)
                (i32.add (local.get $scratch) (local.get $padBytes)) (local.get $inputVectors) (local.get $tail) (local.get $pad))
              (call $${columnsFunction} (local.get $scratch) (local.get $taps) (local.get $columnStep) (local.get $output)
                (local.get $outputVectors) (f32.load offset=8 (local.get $window)) (local.get $divisors))))
          (local.set $window (i32.add (local.get $window) (i32.const 12)))
          (local.set $output (i32.add (local.get $output) (local.get $outRowBytes)))
          (br_if $outputRows (local.tee $row (i32.sub (local.get $row) (i32.const 1)))))
        (local.set $input (i32.add (local.get $input) (local.get $planeBytes)))
        (br_if $planes (local.tee $channels (i32.sub (local.get $channels) (i32.const 1)))))))`;
}


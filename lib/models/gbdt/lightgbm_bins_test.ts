import assert from "node:assert/strict";
import fc from "fast-check";
import { BinMapper } from "./binning.ts";
import {
  findBinWithZeroAsOneBin,
  greedyFindBin,
  lightgbmThresholds,
  nextUp,
  ZERO_THRESHOLD,
} from "./lightgbm_bins.ts";
import { matrixOf } from "./_test_data.ts";

/**
 * LightGBM 4.7.0's bins of four 3000-row float32 columns, produced by
 * `bench/reference/lightgbm_bins_reference.py` (max_bin 63): the number of bins (NaN bin included)
 * and every upper bound between two non-empty bins. `c3` has NaN in every 7th row.
 */
const REFERENCE: Record<string, { numBin: number; thresholds: number[] }> = {
  c0_min3: {
    numBin: 14,
    thresholds: [
      1.0000000180025095e-35,
      1.5000000000000002,
      2.5000000000000004,
      3.5000000000000004,
      4.500000000000001,
      5.500000000000001,
      6.500000000000001,
      7.500000000000001,
      8.500000000000002,
      9.500000000000002,
      10.500000000000002,
      15.500000000000002,
      22.500000000000004,
    ],
  },
  c1_min3: {
    numBin: 63,
    thresholds: [
      -38.32499885559081,
      -36.6599998474121,
      -34.99999999999999,
      -33.29999923706054,
      -31.635000228881832,
      -29.965000152587887,
      -28.30000019073486,
      -26.635000228881832,
      -24.940000534057614,
      -23.314999580383297,
      -21.64999961853027,
      -19.984999656677243,
      -18.340000152587887,
      -16.654999732971188,
      -14.989999771118162,
      -13.289999961853026,
      -11.639999866485594,
      -9.954999923706053,
      -8.295000076293944,
      -6.6649999618530265,
      -5.005000114440917,
      -3.3449999094009395,
      -1.6449999809265134,
      -1.0000000180025095e-35,
      1.0000000180025095e-35,
      1.610000014305115,
      3.2000000476837163,
      4.825000047683717,
      6.414999961853028,
      8.030000209808351,
      9.625000000000002,
      11.209999561309816,
      12.835000038146974,
      14.419999599456789,
      16.04500007629395,
      17.595000267028812,
      19.22500038146973,
      20.805000305175785,
      22.430000305175785,
      23.98499965667725,
      25.525000572204593,
      27.114999771118168,
      28.680000305175785,
      30.250000000000004,
      31.840000152587894,
      33.42000007629395,
      34.94999885559083,
      36.55500030517579,
      38.104999542236335,
      39.68499946594239,
      41.20499992370606,
      42.78499984741212,
      44.335000991821296,
      45.924999237060554,
      47.47000122070313,
      49.03999900817872,
      50.64500045776368,
      52.194999694824226,
      53.77499961853028,
      55.32500076293946,
      56.86999893188477,
      58.42500114440919,
    ],
  },
  c2_min3: {
    numBin: 63,
    thresholds: [
      0.08559999987483026,
      0.16874999552965167,
      0.2500499933958054,
      0.33134999871253973,
      0.4163499921560288,
      0.4976499974727631,
      0.5789499878883363,
      0.6602500081062318,
      0.7415499985218049,
      0.8284000158309938,
      0.9100999832153321,
      0.9928500056266786,
      1.0010499954223635,
      1.0837500095367434,
      1.165500044822693,
      1.248599946498871,
      1.3316999673843386,
      1.411199986934662,
      1.4962000250816347,
      1.5775000452995303,
      1.6642999649047854,
      1.7437499761581423,
      1.8250499963760378,
      1.908200025558472,
      1.9877000451087954,
      2.0745000839233403,
      2.1562500000000004,
      2.2411999702453618,
      2.3224999904632573,
      2.4093000888824467,
      2.4888000488281254,
      2.5700999498367314,
      2.651399970054627,
      2.730900049209595,
      2.8176499605178837,
      2.8990000486373906,
      2.983950018882752,
      3.0652500391006474,
      3.15025007724762,
      3.2308501005172734,
      3.311450004577637,
      3.3941498994827275,
      3.4735999107360844,
      3.557899951934815,
      3.641049981117249,
      3.7216500043869023,
      3.804350018501282,
      3.883800029754639,
      3.961499929428101,
      4.044600009918214,
      4.123650074005128,
      4.2013001441955575,
      4.280799865722657,
      4.363899946212769,
      4.445199966430665,
      4.522399902343751,
      4.601900100708009,
      4.683199882507325,
      4.7645001411438,
      4.841700077056886,
      4.919300079345704,
    ],
  },
  c3_min3: {
    numBin: 63,
    thresholds: [
      -48.24999999999999,
      -46.54999923706054,
      -44.74999999999999,
      -43.04999923706054,
      -41.24999999999999,
      -39.54999923706054,
      -37.74999999999999,
      -36.04999923706054,
      -34.35000038146972,
      -32.74999999999999,
      -31.05000019073486,
      -29.449999809265133,
      -27.749999999999996,
      -26.05000019073486,
      -24.349999427795407,
      -22.650000572204586,
      -21.05000019073486,
      -19.249999999999996,
      -17.650000572204586,
      -16.05000019073486,
      -14.249999999999998,
      -12.65000009536743,
      -11.050000190734862,
      -9.349999904632567,
      -7.749999999999999,
      -6.149999856948852,
      -4.549999952316283,
      -3.0499999523162837,
      -1.5500000119209287,
      -1.0000000180025095e-35,
      1.0000000180025095e-35,
      1.7500000000000002,
      3.4500000476837163,
      5.049999952316285,
      6.649999856948853,
      8.34999990463257,
      10.050000190734865,
      11.650000095367433,
      13.34999990463257,
      14.949999809265138,
      16.550000190734867,
      18.250000000000004,
      19.849999427795414,
      21.44999980926514,
      23.050000190734867,
      24.750000000000004,
      26.349999427795414,
      27.94999980926514,
      29.650000572204593,
      31.250000000000004,
      32.850000381469734,
      34.549999237060554,
      36.14999961853028,
      37.75000000000001,
      39.350000381469734,
      40.95000076293946,
      42.549999237060554,
      44.049999237060554,
      45.549999237060554,
      47.049999237060554,
      48.549999237060554,
    ],
  },
  c0_min1: {
    numBin: 18,
    thresholds: [
      1.0000000180025095e-35,
      1.5000000000000002,
      2.5000000000000004,
      3.5000000000000004,
      4.500000000000001,
      5.500000000000001,
      6.500000000000001,
      7.500000000000001,
      8.500000000000002,
      9.500000000000002,
      10.500000000000002,
      15.500000000000002,
      20.500000000000004,
      21.500000000000004,
      22.500000000000004,
      23.500000000000004,
      24.500000000000004,
    ],
  },
};

const N = 3000, G = 0.6180339887498949;
const u = (i: number) => (i * G) % 1;
function columns(): Float32Array[] {
  const c0 = new Float32Array(N),
    c1 = new Float32Array(N),
    c2 = new Float32Array(N),
    c3 = new Float32Array(N);
  for (let i = 0; i < N; i++) {
    const a = u(i + 1);
    c0[i] = i % 500 === 0 ? 20 + i / 500 : Math.floor(12 * a * a * a * a);
    c1[i] = Math.round((u(i + 7) - 0.4) * 1e4) / 100;
    c2[i] = i % 3 === 0 ? 1 : Math.floor(u(i + 13) * 5e4) / 1e4;
    c3[i] = i % 7 === 0 ? NaN : Math.round((u(i + 29) - 0.5) * 1e3) / 10;
  }
  return [c0, c1, c2, c3];
}

/** Our thresholds that separate two non-empty bins (what LightGBM's tree shows) and our bin count. */
function ours(x: Float32Array, maxBins: number, minDataInBin: number) {
  const m = { nRows: x.length, nCols: 1, values: x, featureNames: ["x"] };
  const mapper = BinMapper.fit(m, { maxBins, binning: "lightgbm", minDataInBin });
  const fb = mapper.features[0]!;
  const counts = new Int32Array(fb.nValueBins);
  for (const b of mapper.transform(m).bins) if (b < fb.nValueBins) counts[b]!++;
  const t: number[] = [];
  for (let b = 0; b < fb.nValueBins - 1; b++) {
    if (counts[b]! > 0 && counts.subarray(b + 1).some((c) => c > 0)) t.push(fb.thresholds[b]!);
  }
  const hasNaN = x.some((v) => v !== v);
  return { numBin: fb.nValueBins + (hasNaN ? 1 : 0), thresholds: t };
}

Deno.test("bin edges equal LightGBM 4.7's (GreedyFindBin, zero bin, min_data_in_bin, NaN bin)", () => {
  const cols = columns();
  for (const [key, ref] of Object.entries(REFERENCE)) {
    const f = Number(key[1]), minDataInBin = Number(key.split("_min")[1]);
    const x = cols[f]!;
    // LightGBM's max_bin 63 counts the NaN bin only for a feature with NaN; ours always has one.
    const maxBins = x.some((v) => v !== v) ? 63 : 64;
    assert.deepEqual(ours(x, maxBins, minDataInBin), ref, key);
  }
});

Deno.test("GreedyFindBin: few distinct values merge rare ones; boundaries are nextafter(midpoint)", () => {
  const v = Float64Array.from([1, 2, 3, 4]), c = Int32Array.from([1, 1, 5, 1]);
  // 1 and 2 together reach 2 < 3 rows, with 3 they reach 7: one boundary after 3; 4 is left over.
  assert.deepEqual(greedyFindBin(v, c, 0, 4, 10, 8, 3), [nextUp(3.5), Infinity]);
  assert.deepEqual(greedyFindBin(v, c, 0, 4, 10, 8, 1), [nextUp(1.5), nextUp(2.5), nextUp(3.5), Infinity]);
  assert.equal(nextUp(2.5), 2.5000000000000004);
  assert.equal(nextUp(-1), -0.9999999999999999);
});

Deno.test("GreedyFindBin: a value holding more than a mean bin gets a bin of its own", () => {
  const v = Float64Array.from({ length: 20 }, (_, i) => i), c = new Int32Array(20).fill(1);
  c[10] = 100;
  const b = greedyFindBin(v, c, 0, 20, 5, 119, 1);
  assert.ok(b.includes(nextUp(9.5)) && b.includes(nextUp(10.5)), JSON.stringify(b));
  assert.ok(b.length <= 5);
});

Deno.test("zero is its own bin; negatives get a count-proportional share", () => {
  const vals = Float64Array.from([-3, -2, -1, 1, 2]), counts = Int32Array.from([10, 10, 10, 10, 10]);
  const b = findBinWithZeroAsOneBin(vals, counts, 3, 50, 10, 1);
  assert.deepEqual(b, [nextUp(-2.5), nextUp(-1.5), -ZERO_THRESHOLD, ZERO_THRESHOLD, nextUp(1.5), Infinity]);
  // All positive and no zero: the zero bin still exists (empty) below the first value.
  assert.deepEqual(Array.from(lightgbmThresholds(Float32Array.from([1, 1, 1, 2, 2, 2]), 254, 3)), [
    ZERO_THRESHOLD,
    nextUp(1.5),
  ]);
  // Tiny values count as zero.
  assert.deepEqual(Array.from(lightgbmThresholds(Float32Array.from([-1e-36, 0, 1e-36, 5]), 254, 1)), [
    ZERO_THRESHOLD,
  ]);
});

Deno.test("lightgbm binning: constant features are trivial, the byte matrix round-trips through JSON", () => {
  const m = matrixOf([[5, NaN, 0, 1], [5, NaN, 0, 2], [5, NaN, 0, 1]]);
  const mapper = BinMapper.fit(m, { maxBins: 255, binning: "lightgbm" });
  assert.deepEqual(mapper.features.map((f) => f.trivial), [true, true, true, false]);
  const back = BinMapper.fromJSON(JSON.parse(JSON.stringify(mapper.toJSON())));
  assert.deepEqual(back.transform(m).bins, mapper.transform(m).bins);
});

Deno.test("property: lightgbm bins fit in maxBins − 1, x <= thresholds[b] ⇔ bin(x) <= b, min_data_in_bin", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(
          fc.constant(0),
          fc.integer({ min: -30, max: 30 }),
          fc.float({ min: -1e4, max: 1e4, noNaN: true }),
        ),
        {
          minLength: 2,
          maxLength: 400,
        },
      ),
      fc.integer({ min: 2, max: 40 }),
      fc.integer({ min: 1, max: 5 }),
      (xs, maxBins, minDataInBin) => {
        const m = matrixOf(xs.map((x) => [x]));
        const mapper = BinMapper.fit(m, { maxBins, binning: "lightgbm", minDataInBin });
        const fb = mapper.features[0]!;
        assert.ok(fb.nValueBins <= maxBins - 1);
        for (let b = 1; b < fb.thresholds.length; b++) assert.ok(fb.thresholds[b]! > fb.thresholds[b - 1]!);
        const bins = mapper.transform(m).bins;
        for (let i = 0; i < xs.length; i++) {
          for (let b = 0; b < fb.thresholds.length; b++) {
            assert.equal(bins[i]! <= b, m.values[i]! <= fb.thresholds[b]!);
          }
        }
      },
    ),
    { numRuns: 150 },
  );
});

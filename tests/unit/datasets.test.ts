// The retinopathy datasets: their counts as the sources give them, and that each is a valid preset.
import { describe, expect, test } from 'vitest';
import {
  COUNT_KIND_TEXT,
  DATASETS,
  DEFAULT_INPUTS,
  computeTraining,
  datasetCountText,
  datasetForImages,
  findDataset,
  inputsFromParams,
  presetLabel,
  presetSearch,
  shortCitation,
} from '../../src/lib';
import { REFERENCES } from '../../src/article/references';

describe('datasets', () => {
  test('the counts of the sources', () => {
    const images = Object.fromEntries(DATASETS.map((dataset) => [dataset.id, dataset.images]));
    expect(images).toEqual({
      'gulshan-2016': 128_175,
      'kaggle-dr-2015': 35_126,
      ddr: 13_673,
      'aptos-2019': 3_662,
      'messidor-2': 1_748,
      messidor: 1_200,
      idrid: 516,
    });
  });

  test('what each count is', () => {
    expect(findDataset('kaggle-dr-2015')?.countKind).toBe('train-split');
    expect(findDataset('aptos-2019')?.countKind).toBe('train-split');
    expect(findDataset('gulshan-2016')?.countKind).toBe('development-set');
    for (const id of ['ddr', 'idrid', 'messidor', 'messidor-2'])
      expect(findDataset(id)?.countKind).toBe('whole-set');
  });

  test('every entry is complete, unique and cites entries of the reference registry', () => {
    expect(new Set(DATASETS.map((dataset) => dataset.id)).size).toBe(DATASETS.length);
    expect(new Set(DATASETS.map((dataset) => dataset.images)).size).toBe(DATASETS.length);
    for (const dataset of DATASETS) {
      expect(Number.isSafeInteger(dataset.images) && dataset.images > 0).toBe(true);
      expect(dataset.references.length).toBeGreaterThan(0);
      for (const id of dataset.references) expect(REFERENCES[id]?.url, id).toMatch(/^https:\/\//);
      expect(COUNT_KIND_TEXT[dataset.countKind]).toBeTruthy();
      for (const text of [dataset.name, dataset.fullName, dataset.description]) {
        expect(text.trim()).not.toBe('');
      }
    }
  });

  test('what is unconfirmed is said: DDR and IDRiD splits, APTOS page, Messidor-2 page', () => {
    expect(findDataset('ddr')?.unconfirmed).toContain('6,835');
    expect(findDataset('idrid')?.unconfirmed).toContain('413');
    expect(findDataset('aptos-2019')?.unconfirmed).not.toBe('');
    expect(findDataset('messidor-2')?.unconfirmed).not.toBe('');
  });

  test('listed largest first', () => {
    const counts = DATASETS.map((dataset) => dataset.images);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  test('every preset is a valid run with the default inputs (48,000 → the dataset)', () => {
    for (const dataset of DATASETS) {
      const computed = computeTraining({ ...DEFAULT_INPUTS, images: dataset.images });
      expect(computed.ok).toBe(true);
    }
    // APTOS 2019 in batches of 64: ⌈3,662 / 64⌉ = 58 batches per epoch (57 full, the last of 14).
    const aptos = computeTraining({ ...DEFAULT_INPUTS, images: 3_662 });
    expect(aptos.ok && aptos.value.batchesPerEpoch).toBe(58);
    expect(aptos.ok && aptos.value.lastBatchSize).toBe(14);
  });

  test('labels and the no-JavaScript link', () => {
    const aptos = findDataset('aptos-2019');
    if (!aptos) throw new Error('APTOS is missing');
    expect(presetLabel(aptos)).toBe('Load APTOS 2019: 3,662 images');
    expect(datasetCountText(aptos)).toBe('3,662 images (training split)');
    const search = presetSearch({ ...DEFAULT_INPUTS, batchSize: 32 }, aptos);
    expect(search).toBe('?images=3662&batch=32&epochs=120');
    const { inputs, notices } = inputsFromParams(new URLSearchParams(search));
    expect(notices).toEqual([]);
    expect(inputs.images).toBe(3_662);
    expect(inputs.batchSize).toBe(32);
  });

  test('datasetForImages finds the pressed preset, and none for the worked case', () => {
    expect(datasetForImages(516)?.id).toBe('idrid');
    expect(datasetForImages(48_000)).toBeUndefined();
  });
});

describe('shortCitation', () => {
  test('several people: the first surname and et al.; one body or a list already shortened: as given', () => {
    expect(
      shortCitation({ authors: 'Varun Gulshan, Lily Peng, Marc Coram', publisher: 'JAMA', title: 'T' }),
    ).toBe('Gulshan et al., T');
    expect(shortCitation({ authors: 'NVIDIA', publisher: 'GitHub', title: 'ResNet50' })).toBe(
      'NVIDIA, ResNet50',
    );
    expect(
      shortCitation({ authors: 'Tao Li et al., Nankai University', publisher: 'GitHub', title: 'DDR' }),
    ).toBe('Tao Li et al., DDR');
    expect(shortCitation({ publisher: 'ADCIS', title: 'Messidor-2' })).toBe('ADCIS, Messidor-2');
  });

  test('every dataset source in the registry gets a citation that is not too long to read', () => {
    for (const dataset of DATASETS) {
      for (const id of dataset.references) {
        const reference = REFERENCES[id];
        if (!reference) throw new Error(id);
        expect(shortCitation(reference).length).toBeLessThan(160);
      }
    }
  });
});

import { expect, test } from 'vitest';
import { describeEpochsText } from '../../src/charts/epochs-chart';
import { tableToCsv } from '../../src/charts/table';
import { DEFAULT_INPUTS, computeTraining } from '../../src/lib';

test('CSV quotes fields with commas and quotes, one line per row', () => {
  const csv = tableToCsv({ caption: 'c', columns: ['Epoch', 'Say "hi"'], rows: [['1', '48,000']] });
  expect(csv).toBe('Epoch,"Say ""hi"""\r\n1,"48,000"\r\n');
});

test('the epochs table as CSV has a header and one line per row', () => {
  const computed = computeTraining(DEFAULT_INPUTS);
  if (!computed.ok) throw new Error('default case invalid');
  const table = describeEpochsText(computed.value).table;
  const lines = tableToCsv(table).trimEnd().split('\r\n');
  expect(lines).toHaveLength(table.rows.length + 1);
  expect(lines[0]).toBe(table.columns.join(','));
});

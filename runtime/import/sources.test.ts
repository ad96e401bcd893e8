/**
 * The row sources and the inspection on files the test writes: CSV (BOM, tabs, Windows-1252, a
 * quoted line break), XLSX (two sheets, a date cell, an Excel serial, an empty row), GeoJSON
 * (properties and geometry); and the cell conversions of dates, numbers and codes.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { codeOf, dateValue, excelSerialDate, numberValue, timeValue } from './convert/values.ts';
import { csvFile, textFile } from './import.test-helpers.ts';
import { inspectImportFile } from './inspect.ts';
import { openRows, resolveSourceOptions } from './sources/index.ts';

async function rowsOf(path: string) {
  const source = await resolveSourceOptions(path, path);
  const { sheets: _s, ...options } = source;
  const rows = [];
  for await (const r of (await openRows(path, options)).rows()) rows.push(r);
  return rows;
}

describe('CSV', () => {
  it('detects a BOM, tabs, and keeps a quoted line break in its cell', async () => {
    const path = csvFile(['nom\tnote', 'a\t"deux\nlignes"', 'b\t'], 'utf-8', true);
    const inspection = await inspectImportFile(path);
    expect(inspection.source).toEqual({ format: 'csv', encoding: 'utf-8', delimiter: '\t', header_row: 1 });
    expect(inspection.columns).toEqual(['nom', 'note']);
    expect(inspection.preview).toEqual([
      { nom: 'a', note: 'deux\nlignes' },
      { nom: 'b', note: '' },
    ]);
  });

  it('reads Windows-1252 and reports a row with the wrong number of cells instead of failing', async () => {
    const path = csvFile(['Espèce;Qté', 'Hérisson;2', 'Écureuil;1;de trop', 'Loir'], 'windows-1252');
    const rows = await rowsOf(path);
    expect(rows.map((r) => r.cells.Espèce)).toEqual(['Hérisson', 'Écureuil', 'Loir']);
    expect(rows.map((r) => r.cellCount)).toEqual([
      undefined,
      { expected: 2, found: 3 },
      { expected: 2, found: 1 },
    ]);
  });
});

describe('XLSX', () => {
  it('lists the sheets, reads the chosen one, date cells and empty rows', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRow(['rien']);
    const sheet = workbook.addWorksheet('Données');
    sheet.addRow(['site', 'date', 'serial', 'n']);
    sheet.addRow(['A', new Date(Date.UTC(2024, 4, 17)), 45429, 3.5]);
    sheet.addRow([]);
    sheet.getRow(4).values = ['B', '17/05/2024', '', 2];
    const path = textFile('', 'xlsx');
    await workbook.xlsx.writeFile(path);
    const first = await inspectImportFile(path);
    expect(first.sheets).toEqual(['Notes', 'Données']);
    expect(first.columns).toEqual(['rien']);
    const chosen = await inspectImportFile(path, { sheet: 'Données' });
    expect(chosen.source).toMatchObject({ format: 'xlsx', sheet: 'Données', header_row: 1 });
    expect(chosen.preview).toEqual([
      { site: 'A', date: '2024-05-17', serial: '45429', n: '3.5' },
      { site: '', date: '', serial: '', n: '' },
      { site: 'B', date: '17/05/2024', serial: '', n: '2' },
    ]);
  });
});

describe('GeoJSON', () => {
  it('gives each feature’s properties as cells and its geometry', async () => {
    const path = textFile(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { nom: 'Mare', n: 3 },
            geometry: { type: 'Point', coordinates: [-1.5, 48] },
          },
          { type: 'Feature', properties: { nom: 'Haie', tags: ['a'] }, geometry: null },
        ],
      }),
      'geojson',
    );
    const inspection = await inspectImportFile(path);
    expect(inspection.columns).toEqual(['nom', 'n', 'tags']);
    expect(inspection.has_feature_geometry).toBe(true);
    const rows = await rowsOf(path);
    expect(rows[1]?.cells).toEqual({ nom: 'Haie', n: '', tags: '["a"]' });
    expect(rows[0]?.geometry).toEqual({ type: 'Point', coordinates: [-1.5, 48] });
    await expect(inspectImportFile(textFile('{"type":"Point"}', 'geojson'))).rejects.toThrow();
  });
});

describe('cell conversions', () => {
  it('dates: French, ISO, Excel serials; times; decimal comma; codes by label', () => {
    expect(dateValue('7/5/2024', 'dd/mm/yyyy')).toBe('2024-05-07');
    expect(dateValue('7/5/2024', 'mm/dd/yyyy')).toBe('2024-07-05');
    expect(dateValue('2024-5-7T10:00', undefined)).toBe('2024-05-07');
    expect(dateValue('45429', 'dd/mm/yyyy')).toBe('2024-05-17');
    expect(excelSerialDate(1)).toBe('1899-12-31');
    expect(dateValue('hier', 'dd/mm/yyyy')).toBe('hier');
    expect(timeValue('8h30')).toBe('08:30');
    expect(timeValue('0.5')).toBe('12:00');
    expect(numberValue('1 234,5', ',')).toBe(1234.5);
    expect(numberValue('douze', ',')).toBe('douze');
    const options = [{ code: 'CAVE', label: { fr: 'Grotte, cavité naturelle', en: 'Natural cave' } }];
    expect(codeOf('grotte, cavite NATURELLE', options, undefined)).toBe('CAVE');
    expect(codeOf('natural cave', options, undefined)).toBe('CAVE');
    expect(codeOf('G', options, { g: 'CAVE' })).toBe('CAVE');
    expect(codeOf('Mine', options, undefined)).toBe('Mine');
  });
});

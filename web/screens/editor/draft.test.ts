import { describe, expect, it } from 'vitest';
import { WIDGET_CATALOGUE } from '../../../server/contract/layout.ts';
import { METRIC_COLOURS } from '../../../server/contract/thresholds.ts';
import {
  addWidget,
  checkDraft,
  emptyDraft,
  findWidget,
  kpiWithMetric,
  moveWidget,
  newWidget,
  newWidgetId,
  possibleMoves,
  removeWidget,
  setColumns,
  setLocale,
  type Draft,
} from './draft.ts';

function built(): Draft {
  let draft = { ...emptyDraft(), name: 'Floor' };
  draft = addWidget(draft, 0, newWidget('kpi', 'k1'));
  draft = addWidget(draft, 0, newWidget('clock', 'c1'));
  draft = addWidget(draft, 1, newWidget('queueTable', 'q1'));
  return addWidget(draft, 2, newWidget('ticker', 't1'));
}
const ids = (draft: Draft) => draft.columnsContent.map((column) => column.map((widget) => widget.id));

describe('the layout draft', () => {
  it('adds widgets with the catalogue defaults, and the result is a valid layout', () => {
    const draft = built();
    expect(ids(draft)).toEqual([['k1', 'c1'], ['q1'], ['t1']]);
    expect(draft.columnsContent[0]![0]!.settings).toEqual({
      ...WIDGET_CATALOGUE.kpi.defaults,
      thresholds: METRIC_COLOURS.waiting.thresholds,
    });
    expect(checkDraft(draft).ok).toBe(true);
  });

  it('gives the layout a language for wall TVs, and leaves the field out when there is none', () => {
    const polish = setLocale(built(), 'pl');
    expect(polish.locale).toBe('pl');
    expect(checkDraft(polish)).toMatchObject({ ok: true, data: { locale: 'pl' } });
    expect(setLocale(polish, null)).not.toHaveProperty('locale');
    expect(checkDraft({ ...polish, locale: 'de' } as unknown as Draft).ok).toBe(false);
  });

  it('never drops widgets when columns go: they move to the last column left', () => {
    const two = setColumns(built(), 2);
    expect(ids(two)).toEqual([
      ['k1', 'c1'],
      ['q1', 't1'],
    ]);
    expect(ids(setColumns(two, 4))).toEqual([['k1', 'c1'], ['q1', 't1'], [], []]);
    expect(setColumns(two, 9).columns).toBe(6);
    expect(checkDraft(setColumns(two, 1)).ok).toBe(true);
  });

  it('moves a widget within its column and between columns', () => {
    let draft = moveWidget(built(), 'c1', 'up');
    expect(ids(draft)[0]).toEqual(['c1', 'k1']);
    draft = moveWidget(draft, 'k1', 'right');
    expect(ids(draft)).toEqual([['c1'], ['q1', 'k1'], ['t1']]);
    expect(findWidget(draft, 'k1')).toEqual({ column: 1, index: 1 });
    expect(possibleMoves(draft, 'c1')).toEqual({ up: false, down: false, left: false, right: true });
    expect(moveWidget(draft, 'c1', 'left')).toBe(draft);
  });

  it('removes only the widget asked', () => {
    expect(ids(removeWidget(built(), 'q1'))).toEqual([['k1', 'c1'], [], ['t1']]);
  });

  it('gives new widgets ids unique in the layout and valid in a URL', () => {
    const draft = built();
    const id = newWidgetId('kpi', draft);
    expect(id).toMatch(/^kpi-[a-z2-9]{5}$/);
    let calls = 0;
    const repeating = () => (calls++ < 5 ? 0 : 0.5);
    const taken = addWidget(draft, 0, newWidget('kpi', 'kpi-aaaaa'));
    expect(newWidgetId('kpi', taken, repeating)).not.toBe('kpi-aaaaa');
  });

  it('names the problem in words before anything is sent', () => {
    const result = checkDraft({ ...built(), name: '' });
    expect(result).toEqual({ ok: false, error: 'Name must not be empty.' });
  });
});

describe('a KPI tile’s colours in the editor', () => {
  it('start from the figure’s defaults when the tile is added and when its figure changes', () => {
    const tile = newWidget('kpi', 'k1');
    if (tile.type !== 'kpi') throw new Error('expected a KPI tile');
    const serviceLevel = kpiWithMetric(tile.settings, 'serviceLevelPct');
    expect(serviceLevel.thresholds).toEqual({ direction: 'below', amber: 80, red: 60, scale: 'value' });
    expect(kpiWithMetric(serviceLevel, 'longestWaitingSec').thresholds).toEqual({
      direction: 'above',
      amber: 1,
      red: 2,
      scale: 'serviceLevelTime',
    });
    // A count that only grows through the day starts uncoloured.
    expect(kpiWithMetric(serviceLevel, 'answered')).toMatchObject({ metric: 'answered', thresholds: null });
  });
});

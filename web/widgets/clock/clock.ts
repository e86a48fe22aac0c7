import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { dateLocale } from '../../display/format.ts';
import type { WidgetSettings } from '../../../server/contract/layout.ts';

export interface ClockFace {
  time: string;
  date: string;
  /** The zone shown under the time, or '' for the screen's own. */
  zone: string;
}

/** The clock's face at server time `now`, in its zone (null: the screen's own). */
export function clockFace(now: number, settings: WidgetSettings<'clock'>): ClockFace {
  const options = { locale: dateLocale(), ...(settings.timeZone && { in: tz(settings.timeZone) }) };
  return {
    time: format(now, settings.format, options),
    date: format(now, 'EEE d MMM', options),
    zone: settings.timeZone ? settings.timeZone.replace(/_/g, ' ') : '',
  };
}

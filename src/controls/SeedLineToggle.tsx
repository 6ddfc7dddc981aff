import { useTranslation } from 'react-i18next';
import { SEED_LINES } from '../state/lesson';
import { useAppStore } from '../state/store';

/**
 * The round-pitfall toggle: the seed's last line as written (wrapped in tf.round), corrected, or
 * both. The curves' derivative panel and the arrows follow it.
 */
export function SeedLineToggle() {
  const { t } = useTranslation('teach');
  const seedline = useAppStore((state) => state.lesson.seedline);
  const setLesson = useAppStore((state) => state.setLesson);
  return (
    <div className="control seedline-toggle">
      <div className="control-head">
        <span className="label" id="seedline-label">
          {t('pitfall.linesAria')}
        </span>
        <a className="control-hint" href="#pitfall">
          {t('pitfall.whyLink')}
        </a>
      </div>
      <div className="segmented" role="radiogroup" aria-labelledby="seedline-label">
        {SEED_LINES.map((line) => (
          <label key={line} className={seedline === line ? 'checked' : undefined}>
            <input
              type="radio"
              name="seedline"
              value={line}
              checked={seedline === line}
              onChange={() => setLesson({ seedline: line })}
            />
            {t(`pitfall.lines.${line}`)}
          </label>
        ))}
      </div>
    </div>
  );
}

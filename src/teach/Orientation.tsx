import { memo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { landOnHash } from '../layout/landOnHash';
import { useMediaQuery } from '../layout/useMediaQuery';
import { DEFAULT_PARAMS } from '../state/fields';
import type { Lesson } from '../state/lesson';
import type { Params } from '../state/params';
import { useAppStore } from '../state/store';
import { writeQuery } from '../state/url';
import { TERM_TAGS } from './terms';

/** The three first things to try: each a view (what it changes) and the section it lands on. */
const TRIES = [
  { id: 'cold', params: { temperature: 0.05 }, lesson: {}, section: 'curves' },
  { id: 'written', params: {}, lesson: { seedline: 'written' }, section: 'curves' },
  { id: 'photo', params: { temperature: 0.05 }, lesson: {}, section: 'image-lab' },
] as const satisfies ReadonlyArray<{ id: string; params: Partial<Params>; lesson: Partial<Lesson>; section: string }>;

/**
 * A phone, or a screen so short (a laptop at 150 %) that the full orientation would fill it: the
 * explanation folds into one summary line and the three things to try are links only, so that
 * the first figure is near the top.
 */
export const COMPACT_ORIENTATION = '(max-width: 600px), (max-height: 560px)';

/** One "try this" link: a real link to the view (it opens in a new tab too), applied in place on a plain click. */
/** What a try shows: static text, kept out of the link's re-render on every change of the view. */
const TryWhat = memo(function TryWhat({ id }: { id: (typeof TRIES)[number]['id'] }) {
  const { t } = useTranslation('teach');
  return <Trans t={t} i18nKey={`orientation.try.${id}.what`} components={TERM_TAGS} />;
});

function TryLink({ tryIt, linkOnly }: { tryIt: (typeof TRIES)[number]; linkOnly: boolean }) {
  const { t } = useTranslation('teach');
  const params = useAppStore((state) => state.params);
  const lesson = useAppStore((state) => state.lesson);
  const requestedBackend = useAppStore((state) => state.requestedBackend);
  const engine = useAppStore((state) => state.engine);
  const nextParams: Params = { ...params, ...tryIt.params };
  const nextLesson: Lesson = { ...lesson, ...tryIt.lesson };
  const href = `${writeQuery(nextParams, requestedBackend, nextLesson, engine)}#${tryIt.section}`;
  return (
    <li>
      <a
        href={href}
        data-testid={`try-${tryIt.id}`}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
          event.preventDefault();
          const { setParams, setLesson } = useAppStore.getState();
          setParams(nextParams);
          setLesson(tryIt.lesson);
          landOnHash(`#${tryIt.section}`);
        }}
      >
        {/* alone, a link drops the colon that leads into its description */}
        {linkOnly
          ? t(`orientation.try.${tryIt.id}.link`).replace(/\s*[:：]\s*$/, '')
          : t(`orientation.try.${tryIt.id}.link`)}
      </a>
      {linkOnly ? null : (
        <>
          {' '}
          <TryWhat id={tryIt.id} />
        </>
      )}
    </li>
  );
}

/**
 * Before the figures: what the page shows, in a few sentences, what "the seed" is (defined once
 * here; other mentions link to it), three things to try first, and where the references are.
 * On a phone or a short screen the sentences fold into a summary line (a link to "the seed"
 * opens it: the browser expands a closed `<details>` it navigates into).
 */
export function Orientation() {
  const { t } = useTranslation('teach');
  const compact = useMediaQuery(COMPACT_ORIENTATION);
  const [open, setOpen] = useState(false);
  const folded = compact && !open;
  const explanation = (
    <>
      <p>
        <Trans t={t} i18nKey="orientation.what" components={TERM_TAGS} />
      </p>
      <p>
        <Trans
          t={t}
          i18nKey="orientation.seed"
          values={{ centerCount: DEFAULT_PARAMS.centerCount, temperature: DEFAULT_PARAMS.temperature }}
          components={{ ...TERM_TAGS, dfn: <dfn id="the-seed" />, paper: <a href="#references" /> }}
        />
      </p>
    </>
  );
  return (
    <section
      className={`card orientation${compact ? ' compact' : ''}`}
      id="orientation"
      aria-label={t('orientation.aria')}
    >
      {compact ? (
        <details open={open} onToggle={(event) => setOpen(event.currentTarget.open)} data-testid="orientation-details">
          <summary>{t('orientation.summary')}</summary>
          {explanation}
        </details>
      ) : (
        explanation
      )}
      <h2 className="orientation-try">{t('orientation.tryTitle')}</h2>
      <ol className="try-list">
        {TRIES.map((tryIt) => (
          <TryLink key={tryIt.id} tryIt={tryIt} linkOnly={folded} />
        ))}
      </ol>
      {folded ? null : (
        <p className="control-hint">
          <Trans
            t={t}
            i18nKey="orientation.more"
            components={{ intro: <a href="#intro" />, references: <a href="#references" /> }}
          />
        </p>
      )}
    </section>
  );
}

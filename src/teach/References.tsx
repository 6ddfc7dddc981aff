import { Trans, useTranslation } from 'react-i18next';
import { arxivUrl, REFERENCES } from './references';

/** The works the page cites, each linked to its paper, and the code the walkthrough reads. */
export function References() {
  const { t } = useTranslation('teach');
  return (
    <section className="card references" id="references" aria-label={t('references.title')}>
      <h2>{t('references.title')}</h2>
      <ol className="reference-list">
        {REFERENCES.map((work) => (
          <li key={work.id} id={`ref-${work.id}`}>
            {`${work.authors}. `}
            <a href={arxivUrl(work.arxiv)} rel="noopener" target="_blank">
              {work.title}
            </a>
            {`. ${work.venue}. arXiv:${work.arxiv}. `}
            <span className="muted">{t(`references.why.${work.id}`)}</span>
          </li>
        ))}
        <li id="ref-seed">
          <Trans
            t={t}
            i18nKey="references.seed"
            components={{ seed: <a href="#the-seed" />, c: <span className="mono" /> }}
          />
        </li>
      </ol>
    </section>
  );
}

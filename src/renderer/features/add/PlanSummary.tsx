/** The Preview's plan (the engine's dry run): counts first, as a photographer checks a card, then the files. */
import type { PlanView } from '../../../shared/api';
import { useTranslator } from '../../i18n/I18nProvider';
import { formatBytes } from '../../lib/format';
import { IgnoredReasonText } from '../queue/IgnoredReasonText';

/** Rows shown of each list; the counts above are whole. */
const SHOWN = 50;

export function PlanSummary(props: { plan: PlanView }) {
  const { t, locale } = useTranslator();
  const { plan } = props;
  const c = plan.counts;
  const fileName = (p: string) => p.split(/[\\/]/).pop() ?? p;
  const hidden = c.new + c.alreadyThere + c.replaces - Math.min(SHOWN, plan.files.length) + c.ignored - Math.min(SHOWN, plan.ignored.length);
  return (
    <section className="plan" aria-labelledby="plan-heading" data-testid="plan">
      <h3 id="plan-heading">{t('plan.heading')}</h3>
      <ul className="plan-counts" data-testid="plan-counts">
        <li data-testid="plan-new">{t('plan.new', { count: c.new })}</li>
        {c.alreadyThere > 0 && <li data-testid="plan-already">{t('plan.alreadyThere', { count: c.alreadyThere })}</li>}
        {c.replaces > 0 && <li data-testid="plan-replaces">{t('plan.replaces', { count: c.replaces })}</li>}
        {c.paired > 0 && <li data-testid="plan-paired">{t('plan.paired', { count: c.paired })}</li>}
        {c.ignored > 0 && <li data-testid="plan-ignored">{t('plan.ignored', { count: c.ignored })}</li>}
        {c.failed > 0 && <li data-testid="plan-failed">{t('plan.failed', { count: c.failed })}</li>}
        <li data-testid="plan-albums">{t('plan.albums', { count: c.albumsToCreate, names: plan.albumsToCreate.join(', ') })}</li>
        <li data-testid="plan-bytes">
          <strong>{t('plan.bytes', { size: formatBytes(c.bytes, locale) })}</strong> · {t('plan.nothingSent')}
        </li>
      </ul>
      <ul className="plan-files" aria-label={t('plan.filesLabel')}>
        {plan.files.slice(0, SHOWN).map((f) => (
          <li key={f.path} data-testid="plan-file" data-action={f.action} title={f.path}>
            <span className={`badge plan-${f.action}`}>{t(`plan.action.${f.action}`)}</span> {fileName(f.path)} → <strong>{f.album}</strong>
            {f.rawPath && <span className="hint"> {t('plan.withRaw')}</span>}
            {f.motionPath && <span className="hint"> {t('plan.withMotion')}</span>}
          </li>
        ))}
        {plan.ignored.slice(0, SHOWN).map((i) => (
          <li key={i.path} data-testid="plan-ignored-file" title={i.path}>
            <span className="badge plan-ignored">{t('plan.action.ignored')}</span> {fileName(i.path)} — <IgnoredReasonText file={i} />
          </li>
        ))}
        {plan.problems.slice(0, SHOWN).map((p) => (
          <li key={p.path} className="plan-problem" title={p.path}>
            {p.message}
          </li>
        ))}
      </ul>
      {hidden > 0 && <p className="hint">{t('plan.more', { count: hidden })}</p>}
    </section>
  );
}

import { Term } from './Term';

/**
 * The tags a teaching message may use for its linked phrases (`<soft>the weighted mean</soft>`),
 * its code (`<c>stop_gradient</c>`) and its variables (`<v>w</v>`), for `<Trans components>`.
 * Formulas are added per message (`f1`, `f2`, ...).
 */
export const TERM_TAGS = {
  centers: <Term mark="centers" />,
  hard: <Term mark="hard" />,
  assignments: <Term mark="assignments" />,
  soft: <Term mark="soft" />,
  bar: <Term mark="bar" />,
  gradient: <Term mark="gradient" />,
  seedRound: <Term mark="seedRound" />,
  arrows: <Term mark="arrows" />,
  distances: <Term mark="distances" />,
  seed: <a href="#the-seed" className="seed-link" />,
  c: <span className="mono" />,
  v: <var />,
  em: <em />,
};

import { CompareRelaxations } from './CompareRelaxations';
import { EstimatorGuide } from './EstimatorGuide';
import { Intro } from './Intro';
import { RoundPitfall } from './RoundPitfall';
import { TrainingDemo } from './TrainingDemo';

/** The teaching sections below the figures: a chunk of their own, loaded after the first view. */
export default function LearnSections() {
  return (
    <>
      <Intro />
      <RoundPitfall />
      <EstimatorGuide />
      <CompareRelaxations />
      <TrainingDemo />
    </>
  );
}

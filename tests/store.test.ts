import { describe, expect, it } from 'vitest';
import { englishMessage } from '../src/i18n/messageText';
import { useAppStore } from '../src/state/store';

describe('the store commits through the field table', () => {
  it('keeps the params object when a control writes the value it already has', () => {
    const { setParam } = useAppStore.getState();
    setParam('temperature', 0.5);
    const params = useAppStore.getState().params;
    // a range input's `change` after its `input`: same value, no new view to compute
    setParam('temperature', 0.5);
    expect(useAppStore.getState().params).toBe(params);
    setParam('temperature', 0.6);
    expect(useAppStore.getState().params).not.toBe(params);
    expect(useAppStore.getState().params.temperature).toBe(0.6);
  });

  it('clamps what a control commits to the link rule, and says so', () => {
    useAppStore.setState({ notices: [] });
    useAppStore.getState().setLesson({ lambda: 25, learningRate: 0 });
    const { lesson, notices } = useAppStore.getState();
    expect(lesson.lambda).toBe(10);
    expect(lesson.learningRate).toBe(1e-4);
    expect(notices.map(englishMessage)).toEqual([
      'lambda must be in [0, 10]; used 10',
      'lr must be in [0.0001, 10]; used 0.0001',
    ]);
    useAppStore.getState().setParam('centerCount', 4.4);
    expect(useAppStore.getState().params.centerCount).toBe(4);
  });
});

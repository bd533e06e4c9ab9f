/**
 * A question-and-answer conversation (the citizens' and the officers' assistants): the turns, the question field,
 * its error (an empty question), the failure of a request, and the submit handler that keeps focus on the field.
 */
import { useRef, useState, type FormEvent } from 'react';

export interface Turn<A> {
  question: string;
  answer: A | null;
}

export function useChat<A>(ask: (question: string) => Promise<A>, emptyMessage: string) {
  const [turns, setTurns] = useState<Turn<A>[]>([]);
  const [input, setInput] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLDivElement>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const q = input.trim();
    if (!q) {
      setError(emptyMessage);
      setAttempt((n) => n + 1);
      return;
    }
    setError(null);
    setFailure(null);
    setBusy(true);
    setTurns((ts) => [...ts, { question: q, answer: null }]);
    try {
      const answer = await ask(q.slice(0, 500));
      setTurns((ts) => ts.map((x, i) => (i === ts.length - 1 ? { ...x, answer } : x)));
      setInput('');
    } catch (err) {
      setFailure(err);
      setTurns((ts) => ts.slice(0, -1));
    } finally {
      setBusy(false);
      field.current?.querySelector('input')?.focus();
    }
  };

  return { turns, input, setInput, error, attempt, failure, busy, field, onSubmit };
}

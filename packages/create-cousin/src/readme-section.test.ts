import { describe, expect, it } from 'vitest';
import { mergeReadmeSection, SECTION_END, SECTION_START } from './readme-section.js';

const block = (body: string) => `${SECTION_START}\n${body}\n${SECTION_END}\n`;

describe('the README section', () => {
  it('makes a new README with a title when there is none', () => {
    expect(mergeReadmeSection(undefined, 'Body\n', 'my-app')).toEqual({ text: `# my-app\n\n${block('Body')}`, replacesSection: false });
  });

  it('is appended after a blank line to a README without one', () => {
    expect(mergeReadmeSection('# App\nText', 'Body', 't').text).toBe(`# App\nText\n\n${block('Body')}`);
    expect(mergeReadmeSection('# App\n', 'Body', 't').text).toBe(`# App\n\n${block('Body')}`);
    expect(mergeReadmeSection('# App\n\n', 'Body', 't').text).toBe(`# App\n\n${block('Body')}`);
  });

  it('replaces only what lies between the markers', () => {
    const current = `Before\n\n${block('Old body')}\nAfter\n`;
    expect(mergeReadmeSection(current, 'New body', 't')).toEqual({ text: `Before\n\n${block('New body')}\nAfter\n`, replacesSection: true });
  });

  it('gives back the same text when the section is current', () => {
    const current = `Before\n${block('Body')}`;
    expect(mergeReadmeSection(current, 'Body', 't').text).toBe(current);
  });
});

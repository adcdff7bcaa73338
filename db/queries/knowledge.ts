import type { Sql } from '../client.ts';

/** A standard answer as stored. */
export interface KnowledgeArticleRow {
  id: number;
  category_id: string | null;
  title_ru: string;
  title_kk: string;
  title_en: string;
  answer_ru: string;
  answer_kk: string;
  answer_en: string;
  keywords: string;
  updated_at: Date;
  updated_by: number | null;
  archived_at: Date | null;
}

/** The editable fields of an answer. */
export type KnowledgeArticleFields = Pick<
  KnowledgeArticleRow,
  'category_id' | 'title_ru' | 'title_kk' | 'title_en' | 'answer_ru' | 'answer_kk' | 'answer_en' | 'keywords'
>;

/**
 * The editable fields bound in the order both `insertKnowledgeArticle` and `updateKnowledgeArticle`
 * list their columns (category_id, the titles, the answers, keywords), so the two statements always
 * write the same fields.
 */
const editableFieldValues = (a: KnowledgeArticleFields) => [
  a.category_id,
  a.title_ru,
  a.title_kk,
  a.title_en,
  a.answer_ru,
  a.answer_kk,
  a.answer_en,
  a.keywords,
];

/**
 * Answers offered now, best first: those of `categoryId`, then those whose title has the text, then
 * those with it in the answer or keywords (any of the three languages, case-insensitive).
 */
export async function searchKnowledge(
  db: Sql,
  f: { text: string | null; categoryId: string | null; limit: number },
): Promise<KnowledgeArticleRow[]> {
  const like = f.text ? `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return db.query<KnowledgeArticleRow>(
    `select * from knowledge_articles
     where archived_at is null
       and ($1::text is null
         or title_ru ilike $1 or title_kk ilike $1 or title_en ilike $1
         or answer_ru ilike $1 or answer_kk ilike $1 or answer_en ilike $1 or keywords ilike $1)
       and ($2::text is null or $1::text is not null or category_id = $2)
     order by (category_id is not distinct from $2) desc,
       ($1::text is not null and (title_ru ilike $1 or title_kk ilike $1 or title_en ilike $1)) desc,
       title_en
     limit $3`,
    [like, f.categoryId, f.limit],
  );
}

/** Adds an answer. */
export async function insertKnowledgeArticle(
  db: Sql,
  a: KnowledgeArticleFields,
  by: number,
  at: Date,
): Promise<KnowledgeArticleRow> {
  const rows = await db.query<KnowledgeArticleRow>(
    `insert into knowledge_articles (category_id, title_ru, title_kk, title_en, answer_ru, answer_kk, answer_en,
       keywords, updated_by, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning *`,
    [...editableFieldValues(a), by, at],
  );
  return rows[0]!;
}

/** Rewrites an answer still offered; undefined when there is none with that id. */
export async function updateKnowledgeArticle(
  db: Sql,
  id: number,
  a: KnowledgeArticleFields,
  by: number,
  at: Date,
): Promise<KnowledgeArticleRow | undefined> {
  const rows = await db.query<KnowledgeArticleRow>(
    `update knowledge_articles set category_id = $2, title_ru = $3, title_kk = $4, title_en = $5, answer_ru = $6,
       answer_kk = $7, answer_en = $8, keywords = $9, updated_by = $10, updated_at = $11
     where id = $1 and archived_at is null returning *`,
    [id, ...editableFieldValues(a), by, at],
  );
  return rows[0];
}

/** Stops offering an answer (kept for the record); undefined when none is offered with that id. */
export async function archiveKnowledgeArticle(
  db: Sql,
  id: number,
  by: number,
  at: Date,
): Promise<KnowledgeArticleRow | undefined> {
  const rows = await db.query<KnowledgeArticleRow>(
    'update knowledge_articles set archived_at = $3, updated_by = $2 where id = $1 and archived_at is null returning *',
    [id, by, at],
  );
  return rows[0];
}

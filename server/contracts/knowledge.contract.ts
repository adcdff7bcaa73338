import { z } from 'zod';
import { IsoTime, LocalizedName, NO_NUL_MESSAGE, Slug, Text, hasNoNul } from './common.contract.ts';

/** A standard answer an operator reads out to close an appeal on the first call. */
export const KnowledgeArticle = z.object({
  id: z.number().int(),
  categoryId: z.string().nullable(),
  title: LocalizedName,
  answer: LocalizedName,
  keywords: z.string(),
  updatedAt: IsoTime,
});
export type KnowledgeArticle = z.infer<typeof KnowledgeArticle>;

/** GET /api/knowledge: search in any language, or the answers of a category. */
export const KnowledgeQuery = z
  .object({
    q: Text(200).optional(),
    categoryId: Slug.optional(),
    limit: z.coerce.number().int().min(1, 'must be ≥ 1').max(100, 'must be ≤ 100').default(20),
  })
  .strict();
export type KnowledgeQuery = z.infer<typeof KnowledgeQuery>;

/** POST /api/knowledge and PUT /api/knowledge/:id: an answer in all three languages. */
export const KnowledgeArticleInput = z
  .object({
    categoryId: Slug.nullable(),
    title: z.object({ ru: Text(200), kk: Text(200), en: Text(200) }).strict(),
    answer: z.object({ ru: Text(4000), kk: Text(4000), en: Text(4000) }).strict(),
    keywords: z
      .string()
      .trim()
      .max(500, 'must be at most 500 characters')
      .refine(hasNoNul, NO_NUL_MESSAGE)
      .default(''),
  })
  .strict();
export type KnowledgeArticleInput = z.infer<typeof KnowledgeArticleInput>;

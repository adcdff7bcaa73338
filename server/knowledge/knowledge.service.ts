import type { Db } from '../../db/client.ts';
import {
  archiveKnowledgeArticle,
  insertKnowledgeArticle,
  searchKnowledge,
  updateKnowledgeArticle,
  type KnowledgeArticleFields,
  type KnowledgeArticleRow,
} from '../../db/queries/knowledge.ts';
import { findCategory } from '../../db/queries/reference.ts';
import type { Viewer } from '../auth/access.ts';
import type { Clock } from '../clock.ts';
import type {
  KnowledgeArticle,
  KnowledgeArticleInput,
  KnowledgeQuery,
} from '../contracts/knowledge.contract.ts';
import { forbidden, notFound, unknownReference } from '../errors.ts';

/** The knowledge base: operators search it during a call; supervisors and admins keep it current. */
export class KnowledgeService {
  private readonly db: Db;
  private readonly clock: Clock;

  constructor(deps: { db: Db; clock: Clock }) {
    this.db = deps.db;
    this.clock = deps.clock;
  }

  /** Answers matching the search, those of the picked category first. */
  async search(viewer: Viewer, q: KnowledgeQuery): Promise<KnowledgeArticle[]> {
    if (viewer.role === 'display') throw forbidden('Wall displays do not search the knowledge base.');
    const rows = await searchKnowledge(this.db, {
      text: q.q ?? null,
      categoryId: q.categoryId ?? null,
      limit: q.limit,
    });
    return rows.map(toArticle);
  }

  /** Adds an answer (supervisors and administrators). */
  async create(viewer: Viewer, input: KnowledgeArticleInput): Promise<KnowledgeArticle> {
    requireEditor(viewer);
    const fields = await this.toFields(input);
    return toArticle(await insertKnowledgeArticle(this.db, fields, viewer.id, this.clock()));
  }

  /** Rewrites an answer. */
  async update(viewer: Viewer, id: number, input: KnowledgeArticleInput): Promise<KnowledgeArticle> {
    requireEditor(viewer);
    const updated = await updateKnowledgeArticle(
      this.db,
      id,
      await this.toFields(input),
      viewer.id,
      this.clock(),
    );
    if (!updated) throw notFound(`Knowledge article ${id}`);
    return toArticle(updated);
  }

  /** Stops offering an answer; it is kept for the record. */
  async archive(viewer: Viewer, id: number): Promise<void> {
    requireEditor(viewer);
    if (!(await archiveKnowledgeArticle(this.db, id, viewer.id, this.clock())))
      throw notFound(`Knowledge article ${id}`);
  }

  private async toFields(input: KnowledgeArticleInput): Promise<KnowledgeArticleFields> {
    if (input.categoryId && !(await findCategory(this.db, input.categoryId)))
      throw unknownReference({ categoryId: `no category "${input.categoryId}"` });
    return {
      category_id: input.categoryId,
      title_ru: input.title.ru,
      title_kk: input.title.kk,
      title_en: input.title.en,
      answer_ru: input.answer.ru,
      answer_kk: input.answer.kk,
      answer_en: input.answer.en,
      keywords: input.keywords,
    };
  }
}

function requireEditor(viewer: Viewer): void {
  if (viewer.role !== 'admin' && viewer.role !== 'supervisor')
    throw forbidden('Only supervisors and administrators edit the knowledge base.');
}

const toArticle = (r: KnowledgeArticleRow): KnowledgeArticle => ({
  id: r.id,
  categoryId: r.category_id,
  title: { ru: r.title_ru, kk: r.title_kk, en: r.title_en },
  answer: { ru: r.answer_ru, kk: r.answer_kk, en: r.answer_en },
  keywords: r.keywords,
  updatedAt: r.updated_at.toISOString(),
});

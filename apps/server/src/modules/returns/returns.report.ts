import type { ReturnReport } from '@aftercare/contracts';
import type { ServiceContext } from '../../platform/context.js';
import { ReturnReportRepository } from './returns.repository.js';

/** Return rate by product and reason, decision time against the promise, approval rate per department. */
export async function returnReport(ctx: ServiceContext): Promise<ReturnReport> {
  const repo = new ReturnReportRepository(ctx.database.db, ctx.workspace.id);
  const returned = await repo.returnedByProduct();
  const sold = await repo.soldByProduct(returned.map((r) => r.productId));
  const decisions = await repo.decisions();
  const onTime = decisions.filter((d) => d.decidedAt <= d.dueAt).length;
  const hours = decisions.map((d) => (Date.parse(d.decidedAt) - Date.parse(d.createdAt)) / 3_600_000);
  const departments = new Map<string, ReturnReport['departments'][number]>();
  for (const v of await repo.verdictsByDepartment()) {
    const d = departments.get(v.departmentId) ?? {
      departmentId: v.departmentId,
      name: v.name,
      reviewed: 0,
      approved: 0,
      rejected: 0,
    };
    d.reviewed += v.n;
    if (v.status === 'approved') d.approved += v.n;
    else d.rejected += v.n;
    departments.set(v.departmentId, d);
  }
  return {
    byProduct: returned
      .map((r) => ({ ...r, sold: sold.get(r.productId) ?? 0 }))
      .sort((a, b) => b.returned - a.returned),
    byReason: (await repo.byReason())
      .map((r) => ({
        reasonId: r.reasonId,
        label: ctx.locale === 'en' ? r.labelEn : r.labelZh,
        count: r.count,
      }))
      .sort((a, b) => b.count - a.count),
    decisions: {
      decided: decisions.length,
      onTime,
      meanHours: hours.length
        ? Math.round((hours.reduce((a, b) => a + b, 0) / hours.length) * 10) / 10
        : null,
    },
    departments: [...departments.values()],
  };
}

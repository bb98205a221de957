/**
 * The walk through an audit's criteria, shared by `audit start` and `audit resume`: show
 * each criterion, ask its questions, save every answer the moment it is given.
 *
 * The audit file is read again before each criterion and before each save, and every save
 * goes through `patchResponse` + `saveAudit`: an edit made meanwhile by hand or with `audit
 * rate` is kept, never overwritten, and the file keeps its comments and layout.
 */
import { standingOf, targetFor, type Audit } from '../core/audit.js';
import { toIsoDate } from '../core/dates.js';
import { indexCriteria } from '../core/framework.js';
import { analyseGaps } from '../core/gap-analysis.js';
import {
  canGoBack,
  countNotApplicable,
  countRated,
  currentStep,
  moveWalk,
  planWalk,
  progressOf,
  ratedWithoutEvidence,
  startWalk,
  type WalkScope,
} from '../core/walk.js';
import { AuditError, Cancelled, InputError } from '../errors.js';
import { patchResponse, type ResponsePatch } from '../io/audit-document.js';
import { noteSharedAnswers, warnIfSignedOff } from '../commands/edit-notes.js';
import { loadAudit, readAudit, saveAudit, type ReadAudit } from '../io/audit-file.js';
import { renderCriterionScreen, renderWalkIntro } from '../render/text/walk-screens.js';
import { quoteForShell, renderWalkSummary } from '../render/text/walk-summary.js';
import { askCriterion } from './criterion-questions.js';
import type { Session } from './session.js';

export interface WalkRequest {
  /** Absolute path of the audit file. */
  file: string;
  /** The file as the user should type it in the commands suggested. */
  shownFile: string;
  scope: WalkScope;
}

/** Walks the criteria in scope, then prints the gap summary and what to do next. */
export async function walkAudit(session: Session, request: WalkRequest): Promise<void> {
  const { ctx, style } = session;
  const today = toIsoDate(ctx.now);
  // Read for showing (the fast path); each save reads the file again to edit it.
  let loaded = await readAudit(request.file, ctx.env);
  const steps = planWalk(loaded.framework.framework, loaded.audit, request.scope);
  if (steps.length === 0) {
    ctx.out(nothingToWalk(request));
    return;
  }

  ctx.out(
    renderWalkIntro(
      {
        framework: loaded.framework.framework,
        organisation: loaded.audit.organisation,
        period: loaded.audit.period,
        mode: request.scope.mode,
        standard: request.scope.standard,
        count: steps.length,
        file: request.shownFile,
      },
      style,
      ctx.width,
    ),
  );

  // The first answer changed in a signed-off audit says, once, that the sign-off no longer holds.
  let toldOfSignOff = false;
  const saved = (before: Audit) => {
    if (toldOfSignOff || !before.signoff) return;
    toldOfSignOff = true;
    warnIfSignedOff(before, request.shownFile, ctx);
  };
  let state = startWalk(steps);
  const skipped = new Set<string>();
  let lastStandard: string | undefined;
  let isFresh = true;
  try {
    for (let id = currentStep(state); id !== undefined; id = currentStep(state)) {
      // Read afresh for each criterion but the first: the file may have been edited meanwhile.
      if (!isFresh) loaded = await readAudit(request.file, ctx.env);
      isFresh = false;
      const framework = loaded.framework.framework;
      const place = indexCriteria(framework).get(id);
      if (!place) throw new InputError(`${id} is no longer a criterion of ${framework.id}`, { file: request.file });

      ctx.out(
        renderCriterionScreen(
          {
            framework,
            progress: progressOf(framework, loaded.audit, state),
            criterion: place.criterion,
            target: targetFor(framework, loaded.audit, place.criterion.target),
            response: loaded.audit.responses[id],
            introduceStandard: place.standard.id !== lastStandard,
            plainLines: session.byLines,
          },
          style,
          ctx.width,
        ),
      );
      lastStandard = place.standard.id;

      const outcome = await askCriterion({
        prompter: session.prompter,
        say: (text) => ctx.out(ctx.wrap(text, '')),
        framework,
        audit: loaded.audit,
        criterionId: id,
        canGoBack: canGoBack(state),
        today,
        editorName: session.editorName,
        save: (patch) => saveAnswer(session, request.file, id, patch, saved),
      });
      if (outcome === 'skipped' && standingOf(loaded.audit.responses[id]).status === 'not-assessed') skipped.add(id);
      else skipped.delete(id);
      state = moveWalk(state, outcome === 'back' ? 'back' : 'next');
    }
  } catch (err) {
    if (err instanceof Cancelled) throw session.stopError(await describeStop(request, loaded, currentStep(state), ctx.env, err.kept));
    throw err;
  }

  loaded = await readAudit(request.file, ctx.env);
  const audit = loaded.audit;
  ctx.out(
    renderWalkSummary(
      {
        analysis: analyseGaps(loaded.framework.framework, audit),
        file: request.shownFile,
        skipped: [...skipped].filter((id) => standingOf(audit.responses[id]).status === 'not-assessed'),
        withoutEvidence: ratedWithoutEvidence(loaded.framework.framework, audit),
      },
      style,
      ctx.width,
    ),
  );
}

/**
 * Saves one answer: reads the file afresh, patches it, writes it atomically. When the save
 * fails (the file was broken by hand meanwhile, the disk is full), says why and offers to try
 * again, so the answer is not lost to a fault the user can mend while the session waits.
 */
async function saveAnswer(session: Session, file: string, criterionId: string, patch: ResponsePatch, saved: (before: Audit) => void): Promise<void> {
  for (;;) {
    try {
      const loaded = await loadAudit(file, session.ctx.env);
      const sharers = patchResponse(loaded.source, loaded.framework.framework, criterionId, patch);
      await saveAudit(loaded);
      saved(loaded.audit);
      noteSharedAnswers(`${criterionId}'s answer`, sharers, session.ctx);
      return;
    } catch (err) {
      if (!(err instanceof AuditError) || err instanceof Cancelled) throw err;
      session.ctx.err(`Could not save the answer for ${criterionId}: ${err instanceof InputError ? err.describe() : err.message}\n`);
      const again = await session.prompter.confirm({ message: 'Mend the file, then try saving again?', default: true });
      if (!again) throw new Cancelled('answer not saved');
    }
  }
}

function nothingToWalk(request: WalkRequest): string {
  const shell = quoteForShell(request.shownFile);
  const where = request.scope.standard ? ` of standard ${request.scope.standard}` : '';
  if (request.scope.mode === 'review') return `No criterion${where} is answered yet: rate them with audit resume ${shell}\n`;
  return (
    `Every criterion${where} is answered (rated or not applicable). Go over them again with: ` +
    `audit resume ${shell} --review${request.scope.standard ? ` --standard ${request.scope.standard}` : ''}\n`
  );
}

/**
 * What the user reads on stopping: how far they got, that nothing is lost, how to carry on; and,
 * stopped while typing an answer, what became of the text and how to come back to it.
 */
async function describeStop(
  request: WalkRequest,
  lastKnown: ReadAudit,
  at: string | undefined,
  env: NodeJS.ProcessEnv,
  kept: string | undefined,
): Promise<string> {
  const audit: Audit = await readAudit(request.file, env).then(
    (fresh) => fresh.audit,
    () => lastKnown.audit,
  );
  const framework = lastKnown.framework.framework;
  const total = indexCriteria(framework).size;
  const rated = countRated(framework, audit);
  const notApplicable = countNotApplicable(framework, audit);
  const shell = quoteForShell(request.shownFile);
  // resume goes on from the first criterion unanswered, past this one: --review comes back to it.
  const standard = at !== undefined ? indexCriteria(framework).get(at)?.standard.id : undefined;
  return (
    `stopped${at ? ` at ${at}` : ''}: ${rated} of ${total} criteria rated${notApplicable ? ` and ${notApplicable} not applicable` : ''}, ` +
    `every answer given is saved in ${request.shownFile}.\n` +
    (kept ? `${kept}\n` : '') +
    `Carry on with: audit resume ${shell}` +
    (kept && standard ? `\nCome back to ${at} with: audit resume ${shell} --review --standard ${standard}` : '')
  );
}


/** `audit start`: a new audit, then the guided walk through every criterion. */
import { relative } from 'node:path';
import { Cancelled } from '../errors.js';
import { refuseInputAsOutput, writeFileAtomically } from '../io/atomic-write.js';
import { newAuditText } from '../io/audit-document.js';
import { isFrameworkPath } from '../io/framework-files.js';
import { readUserDefaults, rememberUserDefaults } from '../io/user-defaults.js';
import { openSession, type PrompterFactory } from '../session/session.js';
import { askStartQuestions, type StartOptions } from '../session/start-questions.js';
import { walkAudit } from '../session/walk-session.js';
import type { CommandContext } from './context.js';
import { answersForKind, defaultFileName, frameworkPathFrom, refuseMisplacedFramework } from './new-audit-file.js';

export type { StartOptions };

export async function runStart(options: StartOptions, ctx: CommandContext, makePrompter?: PrompterFactory): Promise<number> {
  const session = await openSession('audit start', ctx, makePrompter, options.screenReader);
  try {
    const plan = await askStartQuestions(session, options, await readUserDefaults(ctx.env), defaultFileName).catch((err: unknown) => {
      if (err instanceof Cancelled) throw session.stopError('audit start stopped before the audit was created; nothing was written');
      throw err;
    });
    const shownFile = relative(ctx.cwd, plan.file) || plan.file;
    // Locked before the file is written, so that a session already on it is never replaced.
    session.hold(plan.file);
    if (plan.kind === 'new') {
      const framework = plan.framework.framework;
      await refuseInputAsOutput(plan.file, [{ file: plan.framework.file, what: 'the framework file' }]);
      if (isFrameworkPath(plan.frameworkRef)) await refuseMisplacedFramework(plan.framework, plan.file, ctx.env);
      const reference = isFrameworkPath(plan.frameworkRef) ? frameworkPathFrom(plan.file, plan.framework.file) : framework.id;
      await writeFileAtomically(
        plan.file,
        newAuditText(
          framework,
          {
            framework: reference,
            organisation: plan.organisation,
            ...(plan.organisationKind ? { kind: plan.organisationKind.id } : {}),
            period: plan.period,
            assessor: plan.assessor,
          },
          plan.organisationKind ? answersForKind(framework, plan.organisationKind) : undefined,
        ),
      );
      await rememberUserDefaults(
        {
          organisation: plan.organisation,
          assessor: plan.assessor,
          ...(plan.organisationKind ? { kind: plan.organisationKind.id } : {}),
          // A framework file of one's own is not offered in the list, so there is no default to remember.
          ...(isFrameworkPath(plan.frameworkRef) ? {} : { framework: framework.id }),
        },
        ctx.env,
      );
      ctx.say(`\nCreated ${shownFile}.\n`);
    }
    await walkAudit(session, { file: plan.file, shownFile, scope: { mode: 'unrated' } });
    return 0;
  } finally {
    session.close();
  }
}

import * as coda from "@codahq/packs-sdk";
import {DISPUTE_CHANNELS} from "./core/disputes";
import {DISPUTE_CATEGORIES, DISPUTE_OUTCOMES, DISPUTE_STATUSES} from "./core/records";
import {WorkerReferenceSchema} from "./schemas";

/** One worker dispute, as the Disputes sync table and every dispute action show it. */
export const DisputeSchema = coda.makeObjectSchema({
  description: "A worker's dispute, from the moment it is flagged to its communicated outcome.",
  properties: {
    DisputeId: {type: coda.ValueType.String, required: true, description: "The dispute's id, like D-000012."},
    Title: {type: coda.ValueType.String, required: true, description: "The dispute in a few words: id, category and worker."},
    Worker: WorkerReferenceSchema,
    WorkerId: {type: coda.ValueType.String, description: "The worker who raised the dispute."},
    Category: {
      type: coda.ValueType.String,
      codaType: coda.ValueHintType.SelectList,
      options: [...DISPUTE_CATEGORIES],
      description: "Payment, SuspensionAppeal, BlacklistAppeal, QualityRating, ConductReport or Other.",
    },
    Channel: {type: coda.ValueType.String, codaType: coda.ValueHintType.SelectList, options: [...DISPUTE_CHANNELS], description: "Where the dispute reached the team: Email, Zendesk, Discord or Other."},
    Source: {type: coda.ValueType.String, description: "A link to where the dispute was raised (the Gmail thread, the Zendesk ticket, the Discord message), or a note."},
    ThreadId: {type: coda.ValueType.String, description: "The Gmail thread it came from, if any: the outcome is a reply in it."},
    Subject: {type: coda.ValueType.String, description: "The subject of the worker's email."},
    Summary: {type: coda.ValueType.String, description: "What the worker disputes, in a few words."},
    OpenedAt: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "When the dispute was opened."},
    OpenedBy: {type: coda.ValueType.String, codaType: coda.ValueHintType.Email, description: "Who opened it."},
    DueAt: {
      type: coda.ValueType.String,
      codaType: coda.ValueHintType.DateTime,
      description: "When the first response is due: business days in the worker's time zone, per category (Settings DisputeResponseDays, holidays and weekend).",
    },
    Overdue: {type: coda.ValueType.Boolean, description: "True when the due date passed and the worker has not heard back yet (at the last sync)."},
    Assignee: {type: coda.ValueType.String, codaType: coda.ValueHintType.Email, description: "The specialist handling it."},
    Status: {type: coda.ValueType.String, codaType: coda.ValueHintType.SelectList, options: [...DISPUTE_STATUSES], description: "Open, InReview, Decided or Closed."},
    Outcome: {type: coda.ValueType.String, codaType: coda.ValueHintType.SelectList, options: [...DISPUTE_OUTCOMES], description: "Upheld, PartiallyUpheld or Rejected, once decided."},
    Rationale: {type: coda.ValueType.String, description: "Why the outcome was decided so; the worker is told this."},
    PolicyClause: {type: coda.ValueType.String, description: "The Code of Conduct clause the outcome rests on, if any."},
    DecidedAt: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "When the outcome was decided."},
    DecidedBy: {type: coda.ValueType.String, codaType: coda.ValueHintType.Email, description: "Who decided it."},
    ReversalNeeded: {
      type: coda.ValueType.String,
      description: "For an upheld appeal: the step a specialist must take, like ReinstateWorker W-000123. Nothing reverses automatically; CloseDispute waits for it.",
    },
    NoticeStatus: {type: coda.ValueType.String, description: "Whether the worker was told: sent, pending (and how to send it) or not sent."},
    RespondedAt: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "When the worker first heard back."},
    ClosedAt: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "When the dispute was closed."},
    ClosedBy: {type: coda.ValueType.String, codaType: coda.ValueHintType.Email, description: "Who closed it."},
    ZendeskTicketUrl: {type: coda.ValueType.String, codaType: coda.ValueHintType.Url, description: "The Zendesk ticket, to join with a Zendesk pack."},
    DiscordUserId: {type: coda.ValueType.String, description: "The worker's Discord user id, to join with a Discord pack."},
    NextSteps: {type: coda.ValueType.Array, items: {type: coda.ValueType.String}, description: "Dispute actions the status allows, for enabling buttons."},
    Version: {type: coda.ValueType.Number, description: "How many changes the ledger holds for this dispute."},
    UpdatedAt: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "When it last changed."},
    UpdatedBy: {type: coda.ValueType.String, codaType: coda.ValueHintType.Email, description: "Who changed it last."},
    LastEventId: {type: coda.ValueType.String, description: "The id of its latest event in the decision log."},
    Problems: {type: coda.ValueType.String, description: "What is wrong with this dispute's row in the ledger, with its sheet row number. Empty when the row is sound."},
  },
  displayProperty: "Title",
  idProperty: "DisputeId",
  featuredProperties: ["Worker", "Category", "Status", "DueAt", "Overdue", "Assignee", "Outcome", "NoticeStatus"],
});

/** One Gmail thread under the disputes label. */
export const DisputeEmailSchema = coda.makeObjectSchema({
  description: "An email thread in your Gmail under the disputes label, matched to a worker.",
  properties: {
    ThreadId: {type: coda.ValueType.String, required: true, description: "The Gmail thread id: pass it to FlagDispute."},
    Subject: {type: coda.ValueType.String, required: true, description: "The thread's subject."},
    Sender: {type: coda.ValueType.String, description: "Who wrote (name, or address when there is none)."},
    SenderEmail: {type: coda.ValueType.String, codaType: coda.ValueHintType.Email, description: "The address the first message came from."},
    Snippet: {type: coda.ValueType.String, description: "The start of the latest message."},
    ReceivedAt: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "When the sender's first message arrived."},
    LastMessageAt: {type: coda.ValueType.String, codaType: coda.ValueHintType.DateTime, description: "When the latest message in the thread arrived."},
    Messages: {type: coda.ValueType.Number, description: "How many messages the thread holds."},
    Worker: WorkerReferenceSchema,
    WorkerId: {type: coda.ValueType.String, description: "The worker whose canonical email matches the sender, if any."},
    DisputeId: {type: coda.ValueType.String, description: "The dispute opened for this thread, if any (the open one first)."},
    DisputeStatus: {type: coda.ValueType.String, description: "That dispute's status."},
    HasOpenDispute: {type: coda.ValueType.Boolean, description: "True when a dispute that is not Closed exists for this thread."},
    Link: {type: coda.ValueType.String, codaType: coda.ValueHintType.Url, description: "Opens the thread in your Gmail."},
  },
  displayProperty: "Subject",
  idProperty: "ThreadId",
  featuredProperties: ["Sender", "ReceivedAt", "Worker", "HasOpenDispute", "DisputeId"],
});

/** A composed notice, as NoticePreview returns it. */
export const NoticePreviewSchema = coda.makeObjectSchema({
  description: "A notice to a worker as it would be sent.",
  properties: {
    Subject: {type: coda.ValueType.String, required: true, description: "The email's subject."},
    Text: {type: coda.ValueType.String, required: true, description: "The email's text."},
  },
  displayProperty: "Subject",
});

using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;

namespace BranchBot.Bot.Features.Reviews;

/// <summary>A leader's review of a handed-in report (accept or return it), and a student's own reports and their history.</summary>
public sealed class ReviewsFeature : Feature
{
    public override string Name => "reviews";

    public ReviewsFeature()
    {
        Verb<ReviewFlow>(Verbs.ReviewOpen, (flow, turn, data, ct) => flow.OpenAsync(turn, data, ct));
        Verb<ReviewFlow>(Verbs.ReviewDecide, (flow, turn, data, ct) => flow.DecideAsync(turn, data, ct));
        Verb<ReviewFlow>(Verbs.ReportsMine, (flow, turn, _, ct) => flow.MineAsync(turn, ct));
        Verb<ReviewFlow>(Verbs.ReportRead, (flow, turn, data, ct) => flow.ReadAsync(turn, data, ct));

        Label(ReviewCard.CommentInput, "review.commentLabel");
    }
}

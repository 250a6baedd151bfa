namespace SofaBot.Review;

/// <summary>A place maintainers are told about review items outside the page (the Telegram review chat). A desk that
/// fails never stops the queue: the item stays on the page and in the API.</summary>
internal interface IReviewDesk
{
    /// <summary>A new item: show it to the maintainers.</summary>
    Task ItemOpenedAsync(ReviewItem item, CancellationToken cancellationToken);

    /// <summary>The same question was asked again and joined the pending item, already shown: show its new count
    /// (<see cref="ReviewItem.AskedCount"/>) where it was shown.</summary>
    Task ItemAskedAgainAsync(ReviewItem item, CancellationToken cancellationToken);

    /// <summary>A model drafted an answer for the pending item: offer it where the item is shown.</summary>
    Task ItemDraftedAsync(ReviewItem item, CancellationToken cancellationToken);

    /// <summary>The item was decided or expired (anywhere): show the outcome where it was shown.</summary>
    Task ItemDecidedAsync(ReviewItem item, CancellationToken cancellationToken);
}

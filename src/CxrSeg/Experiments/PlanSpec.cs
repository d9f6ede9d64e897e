using CxrSeg.Models.Weights;
using CxrSeg.Stages;

namespace CxrSeg.Experiments;

/// <summary>
/// A chain of training stages, each starting from the previous one's weights; the last one trains on CCXS and
/// writes the metrics. <see cref="DatasetRefs"/> maps each dataset kind to a prepared-set reference (a folder or id)
/// that the executor understands and that enters every stage id.
/// </summary>
public sealed record PlanSpec(
    string Name,
    IReadOnlyList<StageSpec> Stages,
    IReadOnlyDictionary<DatasetKind, string> DatasetRefs,
    PlanLabels? Labels = null)
{
    /// <summary>Throws a <see cref="UserFacingException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new UserFacingException("plan name is empty");
        if (Stages.Count == 0) throw new UserFacingException($"plan '{Name}': stages is empty");
        for (var i = 0; i < Stages.Count; i++)
        {
            try { Stages[i].Validate(i); }
            catch (UserFacingException e) { throw new UserFacingException($"plan '{Name}': {e.Message}", e); }
            if (!DatasetRefs.ContainsKey(Stages[i].Dataset))
                throw new UserFacingException($"plan '{Name}': stages[{i}] trains on {PlanNames.Of(Stages[i].Dataset)} but datasets.{PlanNames.Of(Stages[i].Dataset)} is not set");
        }
        if (Stages[^1].Task != TrainTask.Segment)
            throw new UserFacingException($"plan '{Name}': the last stage must be a segment stage (it writes metrics.json)");
        for (var i = 1; i < Stages.Count; i++)
        {
            var prev = Stages[i - 1];
            var cur = Stages[i];
            if (prev.Encoder != cur.Encoder)
                throw new UserFacingException($"plan '{Name}': stages[{i}].encoder '{cur.Encoder}' differs from stages[{i - 1}].encoder '{prev.Encoder}'; weights cannot be transferred");
            if (cur.Transfer == TransferMode.EncoderDecoder && !TransferRules.HasTransferableDecoder(prev.Architecture, cur.Architecture))
                throw new UserFacingException($"plan '{Name}': stages[{i}].transfer: encoder+decoder needs a UNet after a UNet-shaped stage (got {prev.Architecture} → {cur.Architecture})");
        }
    }
}

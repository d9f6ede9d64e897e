using CxrSeg.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Training;

public sealed class WindowedEvaluationTests
{
    [Fact]
    public void Evaluation_by_windows_of_a_pointwise_network_scores_as_the_whole_image()
    {
        var data = TinyData.Segmentation(count: 8, size: 64);
        manual_seed(2);
        var net = nn.Sequential(nn.Conv2d(1, 3, 1));
        var whole = Evaluator.Evaluate(net, data, [0, 1, 2, 3], new EvaluationSettings { BatchSize = 2 });
        var windows = Evaluator.Evaluate(net, data, [0, 1, 2, 3], new EvaluationSettings { BatchSize = 2, Window = 32 });
        Assert.Equal(whole.Segmentation!.Classes.Select(c => c.Iou), windows.Segmentation!.Classes.Select(c => c.Iou));
        Assert.Equal(whole.Loss, windows.Loss, 3);
    }
}

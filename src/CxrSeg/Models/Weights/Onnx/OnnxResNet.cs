namespace CxrSeg.Models.Weights.Onnx;

/// <summary>
/// A ResNet with BasicBlocks found in an ONNX graph by <see cref="OnnxResNetReader"/>: its weights under torchvision's
/// names (<c>conv1.weight</c>, <c>bn1.*</c>, <c>layerS.B.conv1.weight</c>, <c>layerS.B.downsample.0.weight</c>, …) as
/// float arrays with shapes, the blocks per stage, and the graph values where it starts and ends.
/// </summary>
/// <param name="Tensors">Weights by torchvision name (BatchNorm: weight, bias, running_mean, running_var).</param>
/// <param name="BlocksPerStage">Residual blocks in each of the four stages, e.g. 2, 2, 2, 3.</param>
/// <param name="Input">The graph input the stem convolution reads.</param>
/// <param name="LastFeature">The value after the last block's ReLU (the stride-32 feature map, before any pooling).</param>
public sealed record OnnxResNet(
    IReadOnlyDictionary<string, (float[] Values, long[] Shape)> Tensors,
    IReadOnlyList<int> BlocksPerStage,
    string Input,
    string LastFeature);

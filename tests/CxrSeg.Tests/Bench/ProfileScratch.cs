using System.Diagnostics;
using CxrSeg.Bench;
using CxrSeg.Data.Cache;
using CxrSeg.Training;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Bench;

public sealed class ProfileScratch(ITestOutputHelper output)
{
    [Fact]
    public void Profile()
    {
        set_num_threads(1);
        using (var probe = torch.empty([3], ScalarType.Float32))
        {
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(probe.bytes)[1] = 7f;
            Assert.Equal(7f, probe[1].item<float>());
        }
        var set = BenchData.Segmentation(256, 32, 0);
        int b = 16, s = 256, c = 13;
        var idx = Enumerable.Range(0, b).ToArray();
        T("PreparedBatch.Read b16", 3, () => { using var x = PreparedBatch.Read(set, idx); });
        var bytes = new byte[b * c * s * s];
        T("tensor(bytes) only", 3, () => { using var t = torch.tensor(bytes, [b, c, s, s], ScalarType.Byte); });
        using var tb = torch.tensor(bytes, [b, c, s, s], ScalarType.Byte);
        T("to_type float", 3, () => { using var f = tb.to_type(ScalarType.Float32); });
        using var fpre = torch.empty([b, c, s, s], ScalarType.Float32);
        T("copy_ into preallocated float", 3, () => fpre.copy_(tb));
        T("empty float + fill_ 1", 3, () => { using var e = torch.empty([b, c, s, s], ScalarType.Float32); e.fill_(1); });
        output.WriteLine("malloc: " + CxrSeg.Platform.MallocTuning.Status + " threads " + get_num_threads());
        var floats = new float[b * c * s * s];
        T("C# byte→float loop", 3, () => { for (var k = 0; k < bytes.Length; k++) floats[k] = bytes[k]; });
        T("tensor(floats)", 3, () => { using var t = torch.tensor(floats, [b, c, s, s]); });
        T("tensor(floats).clone", 3, () => { using var t = torch.tensor(floats, [b, c, s, s]); using var u = t.clone(); });
        var builder = new BatchBuilder(set, TrainTask.Segment, new Normalisation(), 1, new AugmentOptions(), new Device("cpu"));
        var bb = new BatchBuilder(set, TrainTask.Segment, new Normalisation(), 1, null, new Device("cpu"));
        var i8 = Enumerable.Range(0, 8).ToArray();
        T("BatchBuilder b8 aug", 3, () => { using var sc = NewDisposeScope(); _ = builder.Build(i8, i8); });
        T("BatchBuilder b8 noaug", 3, () => { using var sc = NewDisposeScope(); _ = bb.Build(i8, i8); });
        var aug = new Augmenter(new AugmentOptions(FlipProbability: 1, RotationProbability: 1, BlurProbability: 1), Augmenter.LungPairs(set.ClassNames));
        var img = new float[s * s]; var mask = new byte[c * s * s]; var lab = new byte[c];
        T("Augmenter all on, 1 image", 5, () => aug.Apply(7, img, s, mask, lab));
    }

    private static long MinFlt() => long.Parse(File.ReadAllText("/proc/self/stat").Split(") ")[1].Split(' ')[7]);

    private void T(string name, int n, Action a)
    {
        a();
        var f0 = MinFlt();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) a();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / n;
        output.WriteLine($"{name}: {sw.Elapsed.TotalMilliseconds / n:F1} ms wall, {cpu:F1} ms cpu, {(MinFlt() - f0) / n} minor faults");
    }
}

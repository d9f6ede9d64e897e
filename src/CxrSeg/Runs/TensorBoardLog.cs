using TorchSharp;

namespace CxrSeg.Runs;

/// <summary>
/// The run folder's TensorBoard scalars, written by TorchSharp's own <c>torch.utils.tensorboard.SummaryWriter</c>
/// (event files <c>events.out.tfevents.*</c>; each event is appended and the file closed, so a killed run keeps
/// everything written). A new file is started per training session, as TensorBoard expects on resume.
/// </summary>
public sealed class TensorBoardLog
{
    private readonly TorchSharp.Modules.SummaryWriter _writer;

    /// <summary>Starts an event file in <paramref name="folder"/> (created when missing).</summary>
    public TensorBoardLog(string folder)
    {
        Directory.CreateDirectory(folder);
        Folder = folder;
        _writer = torch.utils.tensorboard.SummaryWriter(folder);
    }

    /// <summary>The folder of the event files.</summary>
    public string Folder { get; }

    /// <summary>Appends one scalar at an epoch (TensorBoard stores 32-bit floats).</summary>
    public void Scalar(string tag, double value, long step) => _writer.add_scalar(tag, (float)value, checked((int)step));
}

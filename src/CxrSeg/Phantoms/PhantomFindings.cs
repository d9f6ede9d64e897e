namespace CxrSeg.Phantoms;

/// <summary>What is wrong with the phantom (and which devices it carries).</summary>
public sealed record PhantomFindings
{
    /// <summary>Parenchymal opacities (ground glass or consolidation), each with its own box.</summary>
    public IReadOnlyList<OpacityRegion> Opacities { get; init; } = [];
    /// <summary>Right pleural effusion size (0 none, 1 = half the hemithorax).</summary>
    public float EffusionRight { get; init; }
    /// <summary>Left pleural effusion size.</summary>
    public float EffusionLeft { get; init; }
    /// <summary>Pneumothorax side (0 none, -1 right, +1 left).</summary>
    public int PneumothoraxSide { get; init; }
    /// <summary>Pneumothorax size (fraction of lung collapse, 0.08–0.45).</summary>
    public float PneumothoraxSize { get; init; }
    /// <summary>Enlarged heart.</summary>
    public bool Cardiomegaly { get; init; }
    /// <summary>Widened upper mediastinum.</summary>
    public bool EnlargedCardiomediastinum { get; init; }
    /// <summary>Pulmonary oedema severity (0 none .. 1).</summary>
    public float Edema { get; init; }
    /// <summary>Plate-like basal atelectasis.</summary>
    public bool Atelectasis { get; init; }
    /// <summary>A lung nodule or mass.</summary>
    public bool LungLesion { get; init; }
    /// <summary>A rib fracture.</summary>
    public bool Fracture { get; init; }
    /// <summary>Pleural thickening (apical cap or lateral).</summary>
    public bool PleuralOther { get; init; }
    /// <summary>Endotracheal tube.</summary>
    public bool EndotrachealTube { get; init; }
    /// <summary>Central venous line: 0 none, -1 right-sided, +1 left-sided.</summary>
    public int CentralLine { get; init; }
    /// <summary>Nasogastric tube.</summary>
    public bool NasogastricTube { get; init; }
    /// <summary>Number of ECG electrodes (with wires).</summary>
    public int Probes { get; init; }
    /// <summary>Number of other tubes (oxygen tubing, drains).</summary>
    public int Tubings { get; init; }

    /// <summary>Whether any device is present.</summary>
    public bool AnyDevice => EndotrachealTube || CentralLine != 0 || NasogastricTube || Probes > 0 || Tubings > 0;
}

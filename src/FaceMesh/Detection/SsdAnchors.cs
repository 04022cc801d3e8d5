namespace FaceMesh.Detectors;

/// <summary>
/// The SSD anchor grid of a BlazeFace model (detection.md section 3). Layers with equal strides
/// share one feature map and contribute one anchor per (layer, aspect ratio) and per
/// interpolated scale to every cell. Every anchor is 1 x 1 (fixed anchor size), so the scales
/// only decide how many anchors a cell has.
/// </summary>
internal static class SsdAnchors
{
    public static Anchor[] Generate(DetectorSpec spec)
    {
        var anchors = new List<Anchor>(spec.NumBoxes);
        int strideCount = spec.Strides.Length;
        int layer = 0;
        while (layer < spec.NumLayers)
        {
            int anchorsPerCell = 0;
            int last = layer;
            while (last < strideCount && spec.Strides[last] == spec.Strides[layer])
            {
                anchorsPerCell++; // aspect ratio 1.0
                if (spec.InterpolatedScaleAspectRatio > 0) anchorsPerCell++;
                last++;
            }

            int cells = (int)Math.Ceiling((double)spec.InputSize / spec.Strides[layer]);
            for (int y = 0; y < cells; y++)
                for (int x = 0; x < cells; x++)
                {
                    float xCenter = (x + DetectorSpec.AnchorOffset) / cells;
                    float yCenter = (y + DetectorSpec.AnchorOffset) / cells;
                    for (int a = 0; a < anchorsPerCell; a++) anchors.Add(new Anchor(xCenter, yCenter, 1f, 1f));
                }
            layer = last;
        }
        if (anchors.Count != spec.NumBoxes)
            throw new InvalidOperationException($"Anchor grid has {anchors.Count} anchors, the model predicts {spec.NumBoxes}.");
        return [.. anchors];
    }
}

namespace FaceMesh.Detectors;

/// <summary>
/// Turns the raw regressor and classifier tensors into candidates in normalised letterbox
/// coordinates (detection.md section 4): anchor-relative centre/size/keypoints divided by the
/// input size, sigmoid of the clipped logit, kept when score >= threshold and the box is not
/// inverted. Candidates are appended in anchor order.
/// </summary>
internal static class DetectionDecoder
{
    public static void Decode(
        ReadOnlySpan<float> regressors,
        ReadOnlySpan<float> logits,
        ReadOnlySpan<Anchor> anchors,
        float coordinateScale,
        float minScore,
        List<DetectionCandidate> output)
    {
        int boxes = anchors.Length;
        if (logits.Length < boxes || regressors.Length < boxes * DetectorSpec.CoordinatesPerBox)
            throw new ArgumentException($"Detector outputs are too small for {boxes} anchors ({regressors.Length} regressors, {logits.Length} scores).");

        for (int i = 0; i < boxes; i++)
        {
            float score = Sigmoid(Math.Clamp(logits[i], -DetectorSpec.ScoreClipping, DetectorSpec.ScoreClipping));
            if (score < minScore) continue;

            Anchor anchor = anchors[i];
            ReadOnlySpan<float> r = regressors.Slice(i * DetectorSpec.CoordinatesPerBox, DetectorSpec.CoordinatesPerBox);
            float xCenter = r[0] / coordinateScale * anchor.Width + anchor.XCenter;
            float yCenter = r[1] / coordinateScale * anchor.Height + anchor.YCenter;
            float w = r[2] / coordinateScale * anchor.Width;
            float h = r[3] / coordinateScale * anchor.Height;
            float yMin = yCenter - h / 2f, xMin = xCenter - w / 2f;
            float yMax = yCenter + h / 2f, xMax = xCenter + w / 2f;
            float width = xMax - xMin, height = yMax - yMin;
            // "!(>= 0)" also rejects NaN.
            if (!(width >= 0) || !(height >= 0)) continue;

            var candidate = new DetectionCandidate { Score = score, Box = new BoundingBox(xMin, yMin, width, height) };
            for (int k = 0; k < DetectionCandidate.KeypointCount; k++)
            {
                int o = DetectorSpec.KeypointOffset + 2 * k;
                candidate.Keypoints[2 * k] = r[o] / coordinateScale * anchor.Width + anchor.XCenter;
                candidate.Keypoints[2 * k + 1] = r[o + 1] / coordinateScale * anchor.Height + anchor.YCenter;
            }
            output.Add(candidate);
        }
    }

    public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}
